package dev.provenanceaction.release;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The headers GitHub sends with a rate-limited answer.
 *
 * @param retryAfterSeconds {@code retry-after}
 * @param remaining {@code x-ratelimit-remaining}
 * @param resetEpochSeconds {@code x-ratelimit-reset}, UTC epoch seconds
 */
record RateLimitHeaders(
    OptionalLong retryAfterSeconds, OptionalLong remaining, OptionalLong resetEpochSeconds) {

  /**
   * The rate-limit headers if this answer is a primary or secondary rate limit: any 429, or a 403
   * that carries {@code retry-after}, says no requests remain, or says "rate limit" in its body. A
   * 403 for a missing permission is none of these.
   */
  static Optional<RateLimitHeaders> of(int status, HttpHeaders headers, byte[] body) {
    if (status != 403 && status != 429) {
      return Optional.empty();
    }
    RateLimitHeaders parsed =
        new RateLimitHeaders(
            number(headers, "retry-after"),
            number(headers, "x-ratelimit-remaining"),
            number(headers, "x-ratelimit-reset"));
    boolean limited =
        status == 429
            || parsed.retryAfterSeconds.isPresent()
            || parsed.remaining.orElse(-1) == 0
            || new String(body, StandardCharsets.UTF_8)
                .toLowerCase(Locale.ROOT)
                .contains("rate limit");
    return limited ? Optional.of(parsed) : Optional.empty();
  }

  private static OptionalLong number(HttpHeaders headers, String name) {
    Optional<String> value = headers.firstValue(name);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get().trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
