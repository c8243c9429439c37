package dev.provenanceaction.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Capped exponential backoff: the wait after the n-th failed attempt is {@code initialDelay} times
 * 2^(n-1), at most {@code maxDelay}, of which the share {@code jitter} is drawn at random.
 *
 * @param jitter from 0 (every wait as computed) to 1; the rest stays fixed so that waits never
 *     collapse to nothing, while the random share keeps jobs that failed together from retrying
 *     together
 */
public record Backoff(Duration initialDelay, Duration maxDelay, double jitter) {
  public Backoff {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be from 0 to 1, not " + jitter);
    }
  }

  /** The wait after {@code failedAttempts} attempts failed, at least 1. */
  public Duration after(int failedAttempts, Random random) {
    double exponential = initialDelay.toNanos() * Math.pow(2, failedAttempts - 1);
    double capped = Math.min(exponential, maxDelay.toNanos());
    return Duration.ofNanos((long) (capped * (1 - jitter) + random.nextDouble() * capped * jitter));
  }
}
