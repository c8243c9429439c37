package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.RawHttp;
import dev.provenanceaction.testing.TestTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A request's time bounds it as a whole, not each read: a server that answers a byte at a time,
 * each well within the read timeout, is cut off at the request's time, whether its status and
 * headers or its body trickle in.
 */
class HttpAttemptTest {
  private static final TestTls TLS = TestTls.create();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration GAP = Duration.ofMillis(100);
  private static final String HEADERS = "HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n";

  private final SigstoreHttp http =
      SigstoreHttp.create(TLS.clientTrust(), RetryPolicy.standard(), REQUEST_TIMEOUT);
  private final AtomicInteger requests = new AtomicInteger();
  private SSLServerSocket server;

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  /** What the server does with a connection once it has read a request's head. */
  @FunctionalInterface
  private interface Answer {
    void on(OutputStream out) throws IOException, InterruptedException;
  }

  /** What the server does with a connection it has accepted, before closing it. */
  @FunctionalInterface
  private interface Connection {
    void on(SSLSocket socket) throws IOException, InterruptedException;
  }

  /**
   * A TLS server on {@code host} that hands each connection to {@code connection} on a thread of
   * its own, then closes it.
   *
   * @return the server's URL
   */
  private URI accepting(String host, Connection connection) throws IOException {
    server =
        (SSLServerSocket)
            TLS.serverSslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName(host));
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  SSLSocket socket = (SSLSocket) server.accept();
                  Thread handling =
                      new Thread(
                          () -> {
                            try (socket) {
                              connection.on(socket);
                            } catch (IOException | InterruptedException e) {
                              // the client gave up or refused the server, or the test ended
                            }
                          });
                  handling.setDaemon(true);
                  handling.start();
                } catch (IOException e) {
                  // the test ended
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    return URI.create("https://" + host + ":" + server.getLocalPort() + "/");
  }

  /**
   * Answers each request so, counting them.
   *
   * @return the server's URL
   */
  private URI serving(Answer answer) throws IOException {
    return accepting(
        "localhost",
        socket -> {
          RawHttp.readHead(socket.getInputStream());
          requests.incrementAndGet();
          answer.on(socket.getOutputStream());
        });
  }

  /** Answers with {@code atOnce}, then {@code trickled} a byte every {@link #GAP}. */
  private URI trickling(String atOnce, String trickled) throws IOException {
    return serving(
        out -> {
          out.write(atOnce.getBytes(StandardCharsets.US_ASCII));
          out.flush();
          for (byte b : trickled.getBytes(StandardCharsets.US_ASCII)) {
            Thread.sleep(GAP.toMillis());
            out.write(b);
            out.flush();
          }
        });
  }

  private void assertCutOff(URI url) {
    long start = System.nanoTime();
    SocketTimeoutException e =
        assertThrows(SocketTimeoutException.class, () -> http.send(SigstoreHttp.Request.get(url)));
    Duration taken = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(e.getMessage().matches("request timed out after 1\\.\\d s"), e.getMessage());
    // The answer would take 4 s in all; a read is cut off at most one gap past the time.
    assertTrue(taken.compareTo(REQUEST_TIMEOUT.plusMillis(500)) < 0, "took " + taken);
  }

  /** The connection checks the server is the URL's host: 127.0.0.2 is not in its certificate. */
  @Test
  void aServerWithoutTheHostsNameInItsCertificateIsRefused() throws IOException {
    URI url = accepting("127.0.0.2", SSLSocket::startHandshake);

    SSLHandshakeException refused =
        assertThrows(SSLHandshakeException.class, () -> http.send(SigstoreHttp.Request.get(url)));

    assertTrue(refused.getMessage().contains("127.0.0.2"), refused.getMessage());
    assertEquals(0, requests.get());
  }

  @Test
  void aTrickleWithinTheTimeIsReadWhole() throws Exception {
    URI url = trickling(HEADERS.replace("40", "3"), "{ }");
    SigstoreHttp.Response response = http.send(SigstoreHttp.Request.get(url));
    assertEquals(200, response.status());
    assertEquals("3", response.header("content-length").orElseThrow());
    assertArrayEquals("{ }".getBytes(StandardCharsets.US_ASCII), response.body());
  }

  @Test
  void statusAndHeadersThatTrickleInAreCutOffAtTheRequestsTime() throws IOException {
    assertCutOff(trickling("", HEADERS));
  }

  @Test
  void aBodyThatTricklesInIsCutOffAtTheRequestsTime() throws IOException {
    assertCutOff(trickling(HEADERS, "x".repeat(40)));
  }

  /**
   * A body still being written is awaited once the connection is made: here it is finished only
   * when the server has accepted the connection, which an attempt that waited for it first would
   * never make.
   */
  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aBodyStillBeingWrittenIsSentWholeOnceTheConnectionIsMade() throws Exception {
    byte[] body = "{\"written\":\"late\"}".getBytes(StandardCharsets.UTF_8);
    CompletableFuture<byte[]> writing = new CompletableFuture<>();
    CompletableFuture<byte[]> received = new CompletableFuture<>();
    URI url =
        accepting(
            "localhost",
            socket -> {
              try {
                socket.startHandshake();
                writing.complete(body);
                InputStream in = socket.getInputStream();
                String head = RawHttp.readHead(in);
                int length =
                    Integer.parseInt(
                        head.replaceAll("(?s).*\r\nContent-Length: *(\\d+)\r\n.*", "$1"));
                received.complete(in.readNBytes(length));
                socket
                    .getOutputStream()
                    .write(
                        "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"
                            .getBytes(StandardCharsets.US_ASCII));
              } catch (IOException | RuntimeException e) {
                received.completeExceptionally(e);
              }
            });

    SigstoreHttp.Response response =
        http.send(SigstoreHttp.Request.post(url, "application/json", writing));

    assertEquals(201, response.status());
    assertArrayEquals(body, received.get(5, TimeUnit.SECONDS));
  }

  /**
   * Requests to one host share one connection, kept alive by the JDK once an answer is read whole:
   * each attempt's own host name verifier does not keep it from being used again.
   */
  @Test
  void twoRequestsToOneHostShareOneConnection() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    URI url =
        accepting(
            "localhost",
            socket -> {
              connections.incrementAndGet();
              while (true) {
                RawHttp.readHead(socket.getInputStream());
                socket
                    .getOutputStream()
                    .write(
                        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                            .getBytes(StandardCharsets.US_ASCII));
              }
            });

    assertEquals(200, http.send(SigstoreHttp.Request.get(url)).status());
    assertEquals(200, http.send(SigstoreHttp.Request.get(url.resolve("/again"))).status());

    assertEquals(1, connections.get());
  }

  /** A body that could not be written fails the attempt before anything is sent. */
  @Test
  void aBodyThatFailedSendsNothing() throws Exception {
    URI url = serving(out -> {});
    CompletableFuture<byte[]> failed = new CompletableFuture<>();
    failed.completeExceptionally(new IllegalStateException("no body"));

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> http.send(SigstoreHttp.Request.post(url, "application/json", failed)));

    assertEquals("no body", e.getMessage());
    Thread.sleep(200);
    assertEquals(0, requests.get());
  }

  @Test
  void aPostWhoseAnswerIsLostIsSentOnce() throws Exception {
    // The connection closes, unanswered, as a kept-alive one the server had closed would.
    URI url = serving(out -> {});
    SigstoreHttp.Request post = SigstoreHttp.Request.post(url, "application/json", "{}");
    assertThrows(IOException.class, () -> http.send(post));
    Thread.sleep(200);
    assertEquals(1, requests.get(), "the JDK sent it again");
  }

  /**
   * A request that waits for its inputs ({@link SigstoreHttp.Request#withSendAfter}) has its
   * connection made already; a server may close that connection, idle, before the wait ends (the
   * token endpoint, while a slow TUF mirror is read). The GET is then sent on a new connection at
   * once, neither failed nor retried after a pause.
   */
  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aGetWhoseIdleConnectionTheServerClosedGoesOutOnANewOne() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    CompletableFuture<Void> closedIdle = new CompletableFuture<>();
    URI url =
        accepting(
            "localhost",
            socket -> {
              if (connections.incrementAndGet() == 1) {
                socket.startHandshake();
                socket.close();
                closedIdle.complete(null);
                return;
              }
              RawHttp.readHead(socket.getInputStream());
              requests.incrementAndGet();
              OutputStream out = socket.getOutputStream();
              out.write((HEADERS.replace("40", "3") + "{ }").getBytes(StandardCharsets.US_ASCII));
              out.flush();
            });
    List<String> retries = new ArrayList<>();
    SigstoreHttp waiting = TLS.client(retries::add, REQUEST_TIMEOUT);

    SigstoreHttp.Response response =
        waiting.send(SigstoreHttp.Request.get(url).withSendAfter(closedIdle));

    assertEquals(200, response.status());
    assertArrayEquals("{ }".getBytes(StandardCharsets.US_ASCII), response.body());
    assertEquals(2, connections.get());
    assertEquals(1, requests.get());
    assertEquals(List.of(), retries);
  }
}
