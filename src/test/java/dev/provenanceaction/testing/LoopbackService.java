package dev.provenanceaction.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A loopback HTTPS double of a service the action calls (a Sigstore service, the runner's OIDC
 * endpoint) that a test can make fail or lag, and that counts the requests it received, so that a
 * test can assert that a client retried. It owns its {@link LoopbackHttps} server: a subclass
 * starts it with {@link #listen} and answers in {@link #handle}.
 */
public abstract class LoopbackService implements AutoCloseable {
  private final FaultInjector faults = new FaultInjector();
  private volatile LoopbackHttps https;

  /** Starts serving {@link #handle} on a free loopback port. */
  final void listen(TestTls tls) {
    https = LoopbackHttps.start(tls, this::handle);
  }

  /** Answers one request, its body already read whole. */
  abstract void handle(HttpExchange exchange) throws IOException;

  /** {@code https://localhost:<port>}, as a signing config or trusted root names the service. */
  public URI url() {
    return https.baseUrl();
  }

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

  /** TLS connections begun, whether a request followed on them or not. */
  public int connectionCount() {
    return https.connectionCount();
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

  /** Stops the server, if it was started. */
  @Override
  public void close() {
    if (https != null) {
      https.close();
    }
  }
}
