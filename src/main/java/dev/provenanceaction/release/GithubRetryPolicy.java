package dev.provenanceaction.release;

import dev.provenanceaction.retry.Backoff;
import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.retry.GiveUp;
import dev.provenanceaction.retry.Retrier;
import dev.provenanceaction.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * How calls to GitHub are retried, within the run's {@link Deadline}: the {@link Retrier}'s backoff
 * after the failures {@link Failures#isTransient} names; for rate limits (403 or 429) {@code
 * retry-after}, else {@code x-ratelimit-reset} when {@code x-ratelimit-remaining} is 0, else at
 * least a minute, growing, as GitHub's documentation asks. Every wait is logged, and so is giving
 * up.
 *
 * @param retrier the attempts, the deadline and the backoff
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
   * 5 attempts within the run's deadline, waiting with {@code sleeper}; waits from 2 s doubling up
   * to 30 s, without jitter, and from 60 s for a secondary rate limit that names no time.
   */
  public static GithubRetryPolicy standard(
      Consumer<String> log, Deadline deadline, Sleeper sleeper) {
    Retrier retrier =
        new Retrier(
            5,
            deadline,
            new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 0),
            sleeper,
            new Random(),
            log);
    return new GithubRetryPolicy(retrier, Duration.ofSeconds(60), Clock.systemUTC());
  }

  /** Reads {@code x-ratelimit-reset} against this clock (for tests). */
  public GithubRetryPolicy withResetClock(Clock clock) {
    return new GithubRetryPolicy(retrier, secondaryLimitDelay, clock);
  }

  Deadline deadline() {
    return retrier.deadline();
  }

  /**
   * How long a rate-limited answer asks to wait.
   *
   * @param secondaryLimits how many rate limits this call has met, this one included
   */
  RateLimitWait rateLimitWait(RateLimitHeaders headers, int secondaryLimits) {
    if (headers.retryAfterSeconds().isPresent()) {
      long seconds = headers.retryAfterSeconds().getAsLong();
      return new RateLimitWait(
          Duration.ofSeconds(Math.max(1, seconds)), "retry-after: " + seconds + " s");
    }
    if (headers.remaining().orElse(-1) == 0 && headers.resetEpochSeconds().isPresent()) {
      Instant reset = Instant.ofEpochSecond(headers.resetEpochSeconds().getAsLong());
      Duration untilReset = Duration.between(clock.instant(), reset);
      return new RateLimitWait(
          untilReset.isNegative() ? Duration.ofSeconds(1) : untilReset.plusSeconds(1),
          "no requests left until x-ratelimit-reset " + reset);
    }
    return new RateLimitWait(
        secondaryLimitDelay.multipliedBy(secondaryLimits),
        "a secondary rate limit that names no time: at least a minute, growing");
  }

  /**
   * A wait GitHub asked for.
   *
   * @param delay how long
   * @param asked how GitHub said so, for a person
   */
  record RateLimitWait(Duration delay, String asked) {}

  /** The line that says a call is given up, e.g. {@code ..., giving up after 5 attempts}. */
  String givingUp(String call, String failure, GiveUp why) {
    String line =
        call
            + ": "
            + failure
            + ", giving up"
            + (why instanceof GiveUp.OutOfTime ? ": " : " ")
            + why.describe();
    retrier.log().accept(line);
    return line;
  }

  /**
   * The message of a call given up, naming GitHub, the call, why and the last failure; logs it.
   *
   * @param lastFailure empty if the deadline had passed before the first attempt
   */
  String gaveUp(String call, Optional<String> lastFailure, GiveUp why) {
    if (lastFailure.isEmpty()) {
      return "GitHub: "
          + call
          + " was not tried: the "
          + Retrier.seconds(retrier.deadline().budget())
          + " the run allows its network calls had passed";
    }
    givingUp(call, lastFailure.get(), why);
    String attempts =
        why instanceof GiveUp.OutOfTime outOfTime
            ? "after "
                + why.attempts()
                + " attempts in "
                + Retrier.seconds(outOfTime.elapsed())
                + " of the run's network time ("
                + why.describe()
                + ")"
            : why.describe();
    return "GitHub: " + call + " failed, gave up " + attempts + "; last: " + lastFailure.get();
  }

  /**
   * The rounds of a write that other jobs of the same run may be making at the same moment (a
   * matrix merging into one asset): each lost round means another job's write went through, so the
   * bound is generous, and each wait is drawn at random between zero and the backoff (full jitter)
   * so that jobs that collided spread out.
   */
  Rounds startContended(String call) {
    return new Rounds(
        call,
        retrier.withAttempts(
            CONTENDED_ROUNDS, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15), 1)));
  }

  /** Rounds of waiting for something another job is doing, with the standard backoff. */
  Rounds startWaiting(String call) {
    return new Rounds(call, retrier);
  }

  /** The rounds of one call that are not one request each. */
  final class Rounds {
    private final String call;
    private final Retrier.Attempts attempts;

    private Rounds(String call, Retrier rounds) {
      this.call = call;
      this.attempts = rounds.start(call);
    }

    int round() {
      return attempts.attempt();
    }

    /**
     * Waits before the next round if the bounds allow it; logs giving up otherwise.
     *
     * @param why the round must be repeated, for the log line
     * @return false if the caller must give up now
     */
    boolean waitBeforeNext(String why) throws InterruptedException {
      Optional<GiveUp> giveUp = attempts.waitBeforeRetry(why, Optional.empty());
      giveUp.ifPresent(reason -> givingUp(call, why, reason));
      return giveUp.isEmpty();
    }
  }
}
