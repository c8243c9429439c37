package dev.provenanceaction.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A loopback double of a Sigstore service that a test can make fail or lag, and that counts the
 * requests it received, so that a test can assert that a client retried.
 */
public abstract class LoopbackService {
  private final FaultInjector faults = new FaultInjector();

  /** Fails the next {@code count} requests with this HTTP status. */
  public void failNext(int count, int httpStatus) {
    faults.failNext(count, httpStatus);
  }

  /** Holds back the answer to the next request for {@code delay}. */
  public void delayNext(Duration delay) {
    faults.delayNext(delay);
  }

  /** Requests of any kind received, injected failures included. */
  public int requestCount() {
    return faults.requestCount();
  }

  /** Counts a request and waits if told to; the status to fail it with, or empty to serve it. */
  final OptionalInt onRequest() {
    return faults.onRequest();
  }

  /**
   * As {@link #onRequest()}, answering an injected failure as a plain error.
   *
   * @return whether it answered, so that the request is done
   */
  final boolean answeredInjectedFailure(HttpExchange exchange) throws IOException {
    OptionalInt failure = onRequest();
    if (failure.isPresent()) {
      LoopbackHttps.respondError(exchange, failure.getAsInt(), "injected failure");
      return true;
    }
    return false;
  }
}
