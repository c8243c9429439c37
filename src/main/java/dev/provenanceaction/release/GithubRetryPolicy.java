package dev.provenanceaction.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * When a call to GitHub is worth repeating and how long to wait first: capped exponential backoff
 * for server errors, resets and timeouts; for secondary rate limits (403 or 429) {@code
 * retry-after}, else {@code x-ratelimit-reset} when {@code x-ratelimit-remaining} is 0, else at
 * least a minute, growing, as GitHub's documentation asks. Bounded in attempts and in total time;
 * every wait is logged. Immutable; the {@code with*} methods return changed copies.
 */
public final class GithubRetryPolicy {
  /** Waits; tests pass one that only advances a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final int maxAttempts;
  private final Duration maxTotalTime;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final Duration secondaryLimitDelay;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Consumer<String> log;

  private GithubRetryPolicy(
      int maxAttempts,
      Duration maxTotalTime,
      Duration initialDelay,
      Duration maxDelay,
      Duration secondaryLimitDelay,
      Sleeper sleeper,
      Clock clock,
      Consumer<String> log) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.maxTotalTime = Objects.requireNonNull(maxTotalTime);
    this.initialDelay = Objects.requireNonNull(initialDelay);
    this.maxDelay = Objects.requireNonNull(maxDelay);
    this.secondaryLimitDelay = Objects.requireNonNull(secondaryLimitDelay);
    this.sleeper = Objects.requireNonNull(sleeper);
    this.clock = Objects.requireNonNull(clock);
    this.log = Objects.requireNonNull(log);
  }

  /**
   * 5 attempts within 10 minutes; waits from 2 s doubling up to 30 s, and from 60 s for a secondary
   * rate limit that names no time.
   */
  public static GithubRetryPolicy standard(Consumer<String> log) {
    return new GithubRetryPolicy(
        5,
        Duration.ofMinutes(10),
        Duration.ofSeconds(2),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        duration -> Thread.sleep(duration.toMillis()),
        Clock.systemUTC(),
        log);
  }

  public GithubRetryPolicy withMaxAttempts(int maxAttempts) {
    return new GithubRetryPolicy(
        maxAttempts,
        maxTotalTime,
        initialDelay,
        maxDelay,
        secondaryLimitDelay,
        sleeper,
        clock,
        log);
  }

  /** Gives up rather than wait past this much time since the first attempt began. */
  public GithubRetryPolicy withMaxTotalTime(Duration maxTotalTime) {
    return new GithubRetryPolicy(
        maxAttempts,
        maxTotalTime,
        initialDelay,
        maxDelay,
        secondaryLimitDelay,
        sleeper,
        clock,
        log);
  }

  /**
   * Replaces real waiting and the clock that measures the total time and reads {@code
   * x-ratelimit-reset} (for tests).
   */
  public GithubRetryPolicy withTime(Sleeper sleeper, Clock clock) {
    return new GithubRetryPolicy(
        maxAttempts,
        maxTotalTime,
        initialDelay,
        maxDelay,
        secondaryLimitDelay,
        sleeper,
        clock,
        log);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  Clock clock() {
    return clock;
  }

  /** The attempts of one call: ask it after each failure whether to go on. */
  Retries start(String call) {
    return new Retries(call, clock.instant());
  }

  /** The state of one call's attempts. */
  final class Retries {
    private final String call;
    private final Instant start;
    private int attempt = 1;
    private int secondaryLimits;

    private Retries(String call, Instant start) {
      this.call = call;
      this.start = start;
    }

    int attempt() {
      return attempt;
    }

    /**
     * Waits before the next attempt if the failure is transient and the bounds allow it.
     *
     * @param failure what went wrong, for the log line, e.g. {@code HTTP 502}
     * @param rateLimit the response's rate-limit headers when it was a secondary rate limit,
     *     otherwise empty (a server error, a reset, a timeout)
     * @return false if the caller must give up now
     */
    boolean waitBeforeRetry(String failure, Optional<RateLimitHeaders> rateLimit)
        throws InterruptedException {
      if (attempt >= maxAttempts) {
        log.accept(call + ": " + failure + ", giving up after " + attempt + " attempts");
        return false;
      }
      Duration delay = rateLimit.map(this::rateLimitDelay).orElseGet(this::backoff);
      Duration elapsed = Duration.between(start, clock.instant());
      if (elapsed.plus(delay).compareTo(maxTotalTime) > 0) {
        log.accept(
            String.format(
                Locale.ROOT,
                "%s: %s, giving up: waiting %s more would pass the %s limit",
                call,
                failure,
                seconds(delay),
                seconds(maxTotalTime)));
        return false;
      }
      attempt++;
      log.accept(
          String.format(
              Locale.ROOT,
              "%s: %s, retrying in %s (attempt %d of %d)",
              call,
              failure,
              seconds(delay),
              attempt,
              maxAttempts));
      sleeper.sleep(delay);
      return true;
    }

    private Duration backoff() {
      long factor = 1L << Math.min(attempt - 1, 20);
      Duration exponential = initialDelay.multipliedBy(factor);
      return exponential.compareTo(maxDelay) > 0 ? maxDelay : exponential;
    }

    private Duration rateLimitDelay(RateLimitHeaders headers) {
      secondaryLimits++;
      if (headers.retryAfterSeconds().isPresent()) {
        return Duration.ofSeconds(Math.max(1, headers.retryAfterSeconds().getAsLong()));
      }
      if (headers.remaining().orElse(-1) == 0 && headers.resetEpochSeconds().isPresent()) {
        Duration untilReset =
            Duration.between(
                clock.instant(), Instant.ofEpochSecond(headers.resetEpochSeconds().getAsLong()));
        return untilReset.isNegative() ? Duration.ofSeconds(1) : untilReset.plusSeconds(1);
      }
      return secondaryLimitDelay.multipliedBy(secondaryLimits);
    }
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
