package dev.provenanceaction.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The time a run allows for all its network work, made once per run and handed to every client, so
 * that a service that never answers, or answers only with errors, ends the run in bounded time
 * however many calls and retries the run would make. No retry wait is begun that would end past it,
 * no attempt is begun after it, and no request may take longer than what is left of it.
 *
 * @param clock measures the time; a run uses {@link #MONOTONIC}, tests a fake one
 * @param start when the budget began
 * @param budget the time allowed from {@code start}
 */
public record Deadline(InstantSource clock, Instant start, Duration budget) {
  /** The network budget of one run of the action, well within a minute in all. */
  public static final Duration RUN_BUDGET = Duration.ofSeconds(50);

  /**
   * A clock that only moves forward: a wall clock that a time sync moves could end a budget early
   * or never.
   */
  public static final InstantSource MONOTONIC = () -> Instant.ofEpochSecond(0, System.nanoTime());

  private static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

  public Deadline {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(budget, "budget");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("budget must not be negative");
    }
  }

  /** A budget that begins now on {@code clock}. */
  public static Deadline after(Duration budget, InstantSource clock) {
    return new Deadline(clock, clock.instant(), budget);
  }

  /** The time since the budget began. */
  public Duration elapsed() {
    return Duration.between(start, clock.instant());
  }

  /** What is left, never negative. */
  public Duration remaining() {
    Duration left = budget.minus(elapsed());
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean expired() {
    return remaining().isZero();
  }

  /** Whether a wait of this length ends within the budget. */
  public boolean allows(Duration wait) {
    return elapsed().plus(wait).compareTo(budget) <= 0;
  }

  /**
   * A request's own timeout, shortened to what is left so that a request begun near the end cannot
   * outlast the budget (by more than the millisecond a timeout needs at least).
   */
  public Duration timeout(Duration requestTimeout) {
    Duration left = remaining();
    if (left.compareTo(MIN_TIMEOUT) < 0) {
      return MIN_TIMEOUT;
    }
    return requestTimeout.compareTo(left) < 0 ? requestTimeout : left;
  }
}
