package dev.provenanceaction.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;

/** An HTTPS server on a free loopback port, serving one handler, for the test servers. */
final class LoopbackHttps implements AutoCloseable {
  private static volatile long answerDelayMillis;
  private final HttpsServer server;
  private final ExecutorService executor;
  private final AtomicInteger connections;

  private LoopbackHttps(HttpsServer server, ExecutorService executor, AtomicInteger connections) {
    this.server = server;
    this.executor = executor;
    this.connections = connections;
  }

  static LoopbackHttps start(TestTls tls, HttpHandler handler) {
    sendWithoutDelay();
    try {
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      AtomicInteger connections = new AtomicInteger();
      // The JDK's server configures each connection when its client's first TLS record arrives.
      // It takes the cipher suite the client prefers, as Google's front ends, where public-good's
      // services are, do between AES-GCM and ChaCha20-Poly1305; the JDK's server would keep to
      // its own order.
      server.setHttpsConfigurator(
          new HttpsConfigurator(tls.serverSslContext()) {
            @Override
            public void configure(HttpsParameters parameters) {
              connections.incrementAndGet();
              SSLParameters clientsOrder = getSSLContext().getDefaultSSLParameters();
              clientsOrder.setUseCipherSuitesOrder(false);
              parameters.setSSLParameters(clientsOrder);
            }
          });
      server.createContext(
          "/",
          exchange -> {
            HttpExchange whole = readWholeRequest(exchange);
            holdAnswer();
            handler.handle(whole);
          });
      // Several threads, so a delayed request does not hold up the client's retry.
      ExecutorService executor = Executors.newCachedThreadPool();
      server.setExecutor(executor);
      server.start();
      return new LoopbackHttps(server, executor, connections);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Real services answer at once; the JDK's server leaves Nagle's algorithm on unless told, so a
   * response written in two parts waits for the client's delayed acknowledgement (about 40 ms on
   * loopback), which is no part of the client's time. Read once, when the first server starts.
   */
  static void sendWithoutDelay() {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /**
   * Holds back every answer of every server in this JVM from now on, as a remote service's network
   * round trips and work would (for scripts/bench-sign's {@code LATENCY_MS}); the handshakes are
   * not delayed.
   */
  static void delayAnswers(Duration delay) {
    answerDelayMillis = delay.toMillis();
  }

  private static void holdAnswer() {
    long delay = answerDelayMillis;
    if (delay > 0) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Reads the request body before the handler answers, so that no answer, an injected failure least
   * of all, goes out while part of the request is still unread. The JDK's HTTPS server reads an
   * unread body only after the answer, when the client may already have sent its next request on
   * the connection: that read takes the next request's TLS records too, but the server looks only
   * at decrypted bytes when deciding whether a request is waiting, so it waits on the socket for a
   * request it already holds, and the client's request times out (on a loaded machine).
   */
  private static HttpExchange readWholeRequest(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    exchange.setStreams(new ByteArrayInputStream(body), null);
    return exchange;
  }

  /** TLS connections begun: a client's handshake received, whether a request followed or not. */
  int connectionCount() {
    return connections.get();
  }

  /** {@code https://localhost:<port>}, the name the test certificate holds. */
  URI baseUrl() {
    return URI.create("https://localhost:" + server.getAddress().getPort());
  }

  static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  static void respond(HttpExchange exchange, int status, String contentType, byte[] bytes)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  /** A static file server's answer: the JSON file, or 404 for one that is not there (null). */
  static void respondJsonFile(HttpExchange exchange, byte[] file) throws IOException {
    if (file == null) {
      respond(exchange, 404, "text/plain", "");
    } else {
      respond(exchange, 200, "application/json", file);
    }
  }

  /** Rekor's and GitHub's error shape. */
  static void respondError(HttpExchange exchange, int status, String message) throws IOException {
    respond(
        exchange,
        status,
        "application/json",
        "{\"code\":" + status + ",\"message\":\"" + message.replace("\"", "'") + "\"}");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
