package dev.provenanceaction.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * How the calls of any protocol are retried: a bounded number of attempts within a bounded total
 * time, waiting before each retry as long as the server asked or else by the {@link Backoff}, each
 * wait logged with the step and the reason. Which failures are worth another attempt, and how long
 * a server asks to wait, each protocol decides for itself.
 *
 * @param maxAttempts at least 1
 * @param maxTotalTime no wait is begun that would end later than this after the first attempt
 * @param sleeper waits; tests pass one that returns at once
 * @param clock measures the total time
 * @param random draws the backoff's jitter
 * @param log where each wait is reported, e.g. {@code Rekor: HTTP 503, retrying in 1.2 s (attempt 2
 *     of 4)}
 */
public record Retrier(
    int maxAttempts,
    Duration maxTotalTime,
    Backoff backoff,
    Sleeper sleeper,
    InstantSource clock,
    Random random,
    Consumer<String> log) {

  public Retrier {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(maxTotalTime, "maxTotalTime");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(log, "log");
  }

  /** Waiting for real, timed by the system clock, logging nowhere. */
  public static Retrier of(int maxAttempts, Duration maxTotalTime, Backoff backoff) {
    return new Retrier(
        maxAttempts,
        maxTotalTime,
        backoff,
        Sleeper.THREAD,
        Clock.systemUTC(),
        new Random(),
        line -> {});
  }

  public Retrier withLog(Consumer<String> log) {
    return new Retrier(maxAttempts, maxTotalTime, backoff, sleeper, clock, random, log);
  }

  /** Replaces real waiting and the clock the total time is measured on (for tests). */
  public Retrier withTime(Sleeper sleeper, InstantSource clock) {
    return new Retrier(maxAttempts, maxTotalTime, backoff, sleeper, clock, random, log);
  }

  /** The attempts of one call, e.g. {@code Rekor} or {@code GET api.github.com/repos/o/r}. */
  public Attempts start(String step) {
    return new Attempts(step, clock.instant());
  }

  /** Seconds with one decimal, as the log lines and messages about retries give them. */
  public static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** The state of one call's attempts: ask it after each failure worth another attempt. */
  public final class Attempts {
    private final String step;
    private final Instant start;
    private int attempt = 1;

    private Attempts(String step, Instant start) {
      this.step = step;
      this.start = start;
    }

    /** The attempt under way, from 1. */
    public int attempt() {
      return attempt;
    }

    /**
     * Waits before the next attempt if the bounds allow it.
     *
     * @param reason the failure, for the log line, e.g. {@code HTTP 502}
     * @param asked how long the server asked to wait, which replaces the backoff
     * @return empty after waiting, or why the caller must give up now, without waiting
     */
    public Optional<GiveUp> waitBeforeRetry(String reason, Optional<Duration> asked)
        throws InterruptedException {
      if (attempt >= maxAttempts) {
        return Optional.of(new GiveUp.OutOfAttempts(attempt));
      }
      Duration delay = asked.orElseGet(() -> backoff.after(attempt, random));
      Duration elapsed = Duration.between(start, clock.instant());
      if (elapsed.plus(delay).compareTo(maxTotalTime) > 0) {
        return Optional.of(new GiveUp.OutOfTime(attempt, elapsed, delay, maxTotalTime));
      }
      attempt++;
      log.accept(
          String.format(
              Locale.ROOT,
              "%s: %s, retrying in %s (attempt %d of %d)",
              step,
              reason,
              seconds(delay),
              attempt,
              maxAttempts));
      sleeper.sleep(delay);
      return Optional.empty();
    }
  }
}
