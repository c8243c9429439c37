package dev.provenanceaction.release;

import dev.provenanceaction.retry.Backoff;
import dev.provenanceaction.retry.GiveUp;
import dev.provenanceaction.retry.Retrier;
import dev.provenanceaction.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * When a call to GitHub is worth repeating and how long to wait first: the {@link Retrier}'s
 * backoff for server errors, resets and timeouts; for secondary rate limits (403 or 429) {@code
 * retry-after}, else {@code x-ratelimit-reset} when {@code x-ratelimit-remaining} is 0, else at
 * least a minute, growing, as GitHub's documentation asks. Every wait is logged, and so is giving
 * up.
 *
 * @param retrier the attempts, total time and backoff
 * @param secondaryLimitDelay the first wait for a secondary rate limit that names no time
 * @param clock reads {@code x-ratelimit-reset} against now
 */
public record GithubRetryPolicy(Retrier retrier, Duration secondaryLimitDelay, Clock clock) {
  /** Rounds of a contended write: enough for a matrix of about this many jobs merging at once. */
  static final int CONTENDED_ROUNDS = 32;

  public GithubRetryPolicy {
    Objects.requireNonNull(retrier, "retrier");
    Objects.requireNonNull(secondaryLimitDelay, "secondaryLimitDelay");
    Objects.requireNonNull(clock, "clock");
  }

  /**
   * 5 attempts within 10 minutes; waits from 2 s doubling up to 30 s, without jitter, and from 60 s
   * for a secondary rate limit that names no time.
   */
  public static GithubRetryPolicy standard(Consumer<String> log) {
    Retrier retrier =
        Retrier.of(
                5,
                Duration.ofMinutes(10),
                new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 0))
            .withLog(log);
    return new GithubRetryPolicy(retrier, Duration.ofSeconds(60), Clock.systemUTC());
  }

  /**
   * Replaces real waiting and the clock that measures the total time and reads {@code
   * x-ratelimit-reset} (for tests).
   */
  public GithubRetryPolicy withTime(Sleeper sleeper, Clock clock) {
    return new GithubRetryPolicy(retrier.withTime(sleeper, clock), secondaryLimitDelay, clock);
  }

  /** The attempts of one call: ask it after each failure whether to go on. */
  Retries start(String call) {
    return new Retries(call, retrier.start(call));
  }

  /**
   * The rounds of a write that other jobs of the same run may be making at the same moment (a
   * matrix merging into one asset): each lost round means another job's write went through, so the
   * bound is generous, and each wait is drawn at random between zero and the backoff (full jitter)
   * so that jobs that collided spread out.
   */
  Retries startContended(String call) {
    Retrier contended =
        new Retrier(
            CONTENDED_ROUNDS,
            retrier.maxTotalTime(),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15), 1),
            retrier.sleeper(),
            retrier.clock(),
            retrier.random(),
            retrier.log());
    return new Retries(call, contended.start(call));
  }

  /** The state of one call's attempts. */
  final class Retries {
    private final String call;
    private final Retrier.Attempts attempts;
    private int secondaryLimits;

    private Retries(String call, Retrier.Attempts attempts) {
      this.call = call;
      this.attempts = attempts;
    }

    int attempt() {
      return attempts.attempt();
    }

    /**
     * Waits before the next attempt if the bounds allow it; logs giving up otherwise.
     *
     * @param failure what went wrong, for the log line, e.g. {@code HTTP 502}
     * @param rateLimit the response's rate-limit headers when it was a secondary rate limit,
     *     otherwise empty (a server error, a reset, a timeout)
     * @return false if the caller must give up now
     */
    boolean waitBeforeRetry(String failure, Optional<RateLimitHeaders> rateLimit)
        throws InterruptedException {
      Optional<GiveUp> giveUp =
          attempts.waitBeforeRetry(failure, rateLimit.map(this::rateLimitDelay));
      giveUp.ifPresent(
          reason -> retrier.log().accept(call + ": " + failure + ", giving up" + why(reason)));
      return giveUp.isEmpty();
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

  private static String why(GiveUp giveUp) {
    if (giveUp instanceof GiveUp.OutOfTime outOfTime) {
      return String.format(
          Locale.ROOT,
          ": waiting %s more would pass the %s limit",
          Retrier.seconds(outOfTime.nextWait()),
          Retrier.seconds(outOfTime.limit()));
    }
    return " after " + giveUp.attempts() + " attempts";
  }
}
