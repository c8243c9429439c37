package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.provenanceaction.testing.RawHttp;
import dev.provenanceaction.testing.TestTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The run's clients offer ChaCha20-Poly1305 first: a server that lets the client choose takes it, a
 * server that keeps its own order still answers, and no suite is added or dropped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChaChaFirstTest {
  private static final TestTls TLS = TestTls.create();
  private static final String CHACHA = "TLS_CHACHA20_POLY1305_SHA256";

  private SSLServerSocket server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void eachChaChaSuiteMovesAheadOfTheFirstOfItsKeyExchangeAndNothingElseMoves() {
    String[] jdkOrder = {
      "TLS_AES_256_GCM_SHA384",
      "TLS_AES_128_GCM_SHA256",
      CHACHA,
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_RSA_WITH_AES_256_GCM_SHA384"
    };
    assertArrayEquals(
        new String[] {
          CHACHA,
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_RSA_WITH_AES_256_GCM_SHA384"
        },
        ChaChaFirst.order(jdkOrder));
  }

  @Test
  void theJdksOwnSuitesAreAllKeptAndOnlyChaChaMoves() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    String[] jdkOrder = context.getDefaultSSLParameters().getCipherSuites();
    String[] ordered = ChaChaFirst.parameters(context).getCipherSuites();

    assertEquals(new TreeSet<>(Arrays.asList(jdkOrder)), new TreeSet<>(Arrays.asList(ordered)));
    assertEquals(withoutChaCha(jdkOrder), withoutChaCha(ordered));
    assertEquals(CHACHA, ordered[0]);
  }

  @Test
  void aServerThatLetsTheClientChooseTakesChaChaFromTheSigstoreClient() throws Exception {
    assertEquals(CHACHA, negotiatedWithTheSigstoreClient(false));
  }

  @Test
  void aServerThatKeepsToItsOwnOrderStillAnswersTheSigstoreClient() throws Exception {
    assertEquals("TLS_AES_256_GCM_SHA384", negotiatedWithTheSigstoreClient(true));
  }

  /** The suite a server negotiated with {@code SigstoreHttp}, which it answered with a 200. */
  private String negotiatedWithTheSigstoreClient(boolean ownOrder) throws Exception {
    CompletableFuture<String> negotiated = new CompletableFuture<>();
    URI url = answeringOnce(ownOrder, negotiated);

    SigstoreHttp.Response response =
        SigstoreHttp.create(TLS.clientTrust(), RetryPolicy.standard())
            .send(SigstoreHttp.Request.get(url));

    assertEquals(200, response.status());
    return negotiated.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aServerThatLetsTheClientChooseTakesChaChaFromAnHttpClientGivenTheParameters()
      throws Exception {
    CompletableFuture<String> negotiated = new CompletableFuture<>();
    URI url = answeringOnce(false, negotiated);
    SSLContext context = TLS.clientTrust().sslContext();
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(context)
            .sslParameters(ChaChaFirst.parameters(context))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertEquals(CHACHA, negotiated.get(10, TimeUnit.SECONDS));
  }

  private static List<String> withoutChaCha(String[] suites) {
    List<String> others = new ArrayList<>();
    for (String suite : suites) {
      if (!suite.contains("_CHACHA20_")) {
        others.add(suite);
      }
    }
    return others;
  }

  /**
   * A TLS server that answers one request with an empty 200 and tells the suite it negotiated; it
   * keeps to its own order of suites, or takes the client's.
   */
  private URI answeringOnce(boolean ownOrder, CompletableFuture<String> negotiated)
      throws IOException {
    server =
        (SSLServerSocket)
            TLS.serverSslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    SSLParameters order = server.getSSLParameters();
    order.setUseCipherSuitesOrder(ownOrder);
    server.setSSLParameters(order);
    Thread answering =
        new Thread(
            () -> {
              try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.startHandshake();
                negotiated.complete(socket.getSession().getCipherSuite());
                RawHttp.readHead(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(
                    "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
              } catch (IOException e) {
                negotiated.completeExceptionally(e);
              }
            });
    answering.setDaemon(true);
    answering.start();
    return URI.create("https://localhost:" + server.getLocalPort() + "/");
  }
}
