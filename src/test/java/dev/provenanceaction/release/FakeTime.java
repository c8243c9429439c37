package dev.provenanceaction.release;

import dev.provenanceaction.retry.Sleeper;
import dev.provenanceaction.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when the code under test sleeps, and the record of those sleeps. */
final class FakeTime extends MovableClock {
  static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final long realDivisor;

  /** A clock whose sleeps take no real time. */
  FakeTime() {
    this(0);
  }

  /**
   * A clock whose sleeps also take a share of real time, 1/{@code realDivisor} of each, so that
   * jobs running at once spread out as their jittered waits would spread them; 0 for none.
   */
  FakeTime(long realDivisor) {
    super(START);
    this.realDivisor = realDivisor;
  }

  Sleeper sleeper() {
    return duration -> {
      sleeps.add(duration);
      advance(duration);
      if (realDivisor > 0) {
        Thread.sleep(duration.toMillis() / realDivisor);
      }
    };
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
