package dev.provenanceaction.release;

import dev.provenanceaction.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when the code under test sleeps, and the record of those sleeps. */
final class FakeTime extends Clock {
  static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

  private volatile Instant now = START;
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
    this.realDivisor = realDivisor;
  }

  Sleeper sleeper() {
    return duration -> {
      sleeps.add(duration);
      synchronized (this) {
        now = now.plus(duration);
      }
      if (realDivisor > 0) {
        Thread.sleep(duration.toMillis() / realDivisor);
      }
    };
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
