package dev.provenanceaction.testing;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The faults a loopback server can be told to produce, and a count of the requests it received, so
 * tests can assert that a client retried.
 */
final class FaultInjector {
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failureCode;
  private final AtomicReference<Duration> nextDelay = new AtomicReference<>();

  void failNext(int count, int code) {
    failureCode = code;
    failuresLeft.set(count);
  }

  void delayNext(Duration delay) {
    nextDelay.set(delay);
  }

  int requestCount() {
    return requests.get();
  }

  /**
   * Counts a request, waits if told to, and says which failure to answer with, if any.
   *
   * @return the status or code to fail with, or empty to serve the request
   */
  OptionalInt onRequest() {
    requests.incrementAndGet();
    Duration delay = nextDelay.getAndSet(null);
    if (delay != null) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      return OptionalInt.of(failureCode);
    }
    return OptionalInt.empty();
  }
}
