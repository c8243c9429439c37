package dev.provenanceaction.retry;

import java.time.Duration;

/** Waits before a retry; tests pass one that only records the wait or advances a fake clock. */
@FunctionalInterface
public interface Sleeper {
  /** Waits on the calling thread. */
  Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
