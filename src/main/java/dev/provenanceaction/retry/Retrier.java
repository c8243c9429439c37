package dev.provenanceaction.retry;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The one retry loop of every protocol: a bounded number of attempts within the run's {@link
 * Deadline}, waiting before each retry as long as the server asked or else by the {@link Backoff},
 * each wait logged with the step and the reason. Which failures are worth another attempt, how long
 * a server asks to wait and what to report on giving up, each protocol decides for itself (its
 * {@link Judge}).
 *
 * @param maxAttempts at least 1
 * @param deadline no attempt is begun after it, and no wait that would end past it
 * @param sleeper waits; tests pass one that returns at once or moves a fake clock
 * @param random draws the backoff's jitter
 * @param log where each wait is reported, e.g. {@code Rekor: HTTP 503, retrying in 1.2 s (attempt 2
 *     of 4)}
 */
public record Retrier(
    int maxAttempts,
    Deadline deadline,
    Backoff backoff,
    Sleeper sleeper,
    Random random,
    Consumer<String> log) {

  public Retrier {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(log, "log");
  }

  /** Waiting for real, within {@code budget} from now on a monotonic clock, logging nowhere. */
  public static Retrier of(int maxAttempts, Duration budget, Backoff backoff) {
    return new Retrier(
        maxAttempts,
        Deadline.after(budget, Deadline.MONOTONIC),
        backoff,
        Sleeper.THREAD,
        new Random(),
        line -> {});
  }

  public Retrier withLog(Consumer<String> log) {
    return new Retrier(maxAttempts, deadline, backoff, sleeper, random, log);
  }

  /** Bounds the attempts by the run's deadline, shared with every other client of the run. */
  public Retrier withDeadline(Deadline deadline) {
    return new Retrier(maxAttempts, deadline, backoff, sleeper, random, log);
  }

  public Retrier withAttempts(int maxAttempts, Backoff backoff) {
    return new Retrier(maxAttempts, deadline, backoff, sleeper, random, log);
  }

  /** Waits with {@code sleeper} instead; the deadline's clock is the deadline's own. */
  public Retrier withSleeper(Sleeper sleeper) {
    return new Retrier(maxAttempts, deadline, backoff, sleeper, random, log);
  }

  /** Another attempt is worth making: why, and how long the server asked to wait, if it did. */
  public record Retry(String reason, Optional<Duration> asked) {
    public Retry {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(asked, "asked");
    }

    /** After the backoff's wait. */
    public static Retry after(String reason) {
      return new Retry(reason, Optional.empty());
    }
  }

  /** One attempt at a call; {@code attempt} counts from 1. */
  @FunctionalInterface
  public interface Attempt<T, E extends Exception> {
    T run(int attempt) throws E;
  }

  /** How a protocol reads a failed attempt. */
  public interface Judge<E extends Exception> {
    /** Empty if the failure is for good: it is thrown as it is, without another attempt. */
    Optional<Retry> retry(E failure);

    /**
     * What to throw when no further attempt is allowed.
     *
     * @param last the last failure, empty if the deadline had passed before the first attempt
     */
    E giveUp(GiveUp why, Optional<E> last);
  }

  /**
   * Runs the attempts until one succeeds, one fails for good, or the attempts or the deadline run
   * out. Unchecked exceptions pass through.
   *
   * @param step names the call in log lines, e.g. {@code GET api.github.com/repos/o/r}
   */
  public <T, E extends Exception> T run(String step, Attempt<T, E> attempt, Judge<E> judge)
      throws E, InterruptedException {
    Attempts attempts = start(step);
    if (deadline.expired()) {
      throw judge.giveUp(attempts.outOfTime(0, Duration.ZERO), Optional.empty());
    }
    while (true) {
      E failure;
      try {
        return attempt.run(attempts.attempt());
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        // The attempt can throw no other checked exception than E.
        @SuppressWarnings("unchecked")
        E thrown = (E) e;
        failure = thrown;
      }
      Optional<Retry> retry = judge.retry(failure);
      if (retry.isEmpty()) {
        throw failure;
      }
      Optional<GiveUp> giveUp = attempts.waitBeforeRetry(retry.get().reason(), retry.get().asked());
      if (giveUp.isPresent()) {
        throw judge.giveUp(giveUp.get(), Optional.of(failure));
      }
    }
  }

  /**
   * The attempts of one call, for a protocol whose rounds are not one request each (a contended
   * write): it asks {@link Attempts#waitBeforeRetry} after each round that must be repeated.
   */
  public Attempts start(String step) {
    return new Attempts(step);
  }

  /** Seconds with one decimal, as the log lines and messages about retries give them. */
  public static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** The state of one call's attempts: ask it after each failure worth another attempt. */
  public final class Attempts {
    private final String step;
    private int attempt = 1;

    private Attempts(String step) {
      this.step = step;
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
      if (!deadline.allows(delay)) {
        return Optional.of(outOfTime(attempt, delay));
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

    private GiveUp.OutOfTime outOfTime(int attempts, Duration nextWait) {
      return new GiveUp.OutOfTime(attempts, deadline.elapsed(), nextWait, deadline.budget());
    }
  }
}
