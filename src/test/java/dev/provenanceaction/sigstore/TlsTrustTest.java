package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.provenanceaction.testing.TestTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a client with these authorities trusts, against a loopback TLS server. */
class TlsTrustTest {
  private static final TestTls SERVER = TestTls.create();
  @TempDir Path temp;

  @Test
  void extraAuthorityIssuingTheServersChainIsTrusted() throws Exception {
    assertEquals("TLSv1.3", handshake(SERVER.clientTrust(), "localhost", "127.0.0.1"));
  }

  @Test
  void aChainNeitherTheExtrasNorTheJdkIssueIsRefused() {
    TlsTrust otherCa = TlsTrust.jdkDefaultsPlus(List.of(TestTls.create().caCertificate()));
    SSLHandshakeException refused =
        assertThrows(
            SSLHandshakeException.class, () -> handshake(otherCa, "localhost", "127.0.0.1"));
    assertTrue(refused.getMessage().contains("PKIX path"), refused.getMessage());
  }

  /**
   * An extra that the server's chain reaches before its end (here the server's own certificate,
   * pinned; an intermediate alike) makes the chain the extras' to judge, as the JDK's own check
   * cuts a chain at any trusted certificate.
   */
  @Test
  void anExtraInsideTheChainMakesItTheExtras() throws Exception {
    X509Certificate serverItself =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificates(Files.newInputStream(SERVER.serverChainPem()))
                .iterator()
                .next();
    assertEquals(
        "TLSv1.3",
        handshake(TlsTrust.jdkDefaultsPlus(List.of(serverItself)), "localhost", "127.0.0.1"));
  }

  /**
   * A chain the extras do not reach is the JDK's to judge: with the test CA made the JDK's trust
   * store, the server is trusted though the only extra is another authority.
   */
  @Test
  void aChainTheExtrasDoNotReachIsTheJdksToJudge() throws Exception {
    X509Certificate unrelated =
        EphemeralSigstore.create().trustedRoot().certificateAuthorities().get(0).certChain().get(0);
    Path store = temp.resolve("jdk-trust.p12");
    KeyStore jdk = KeyStore.getInstance("PKCS12");
    jdk.load(null, null);
    jdk.setCertificateEntry("test-ca", SERVER.caCertificate());
    try (OutputStream out = Files.newOutputStream(store)) {
      jdk.store(out, "changeit".toCharArray());
    }
    Map<String, String> properties =
        Map.of(
            "javax.net.ssl.trustStore", store.toString(),
            "javax.net.ssl.trustStoreType", "PKCS12",
            "javax.net.ssl.trustStorePassword", "changeit");
    properties.forEach(System::setProperty);
    try {
      assertEquals(
          "TLSv1.3",
          handshake(TlsTrust.jdkDefaultsPlus(List.of(unrelated)), "localhost", "127.0.0.1"));
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  @Test
  void theJdkAuthoritiesAloneRefuseATestServer() {
    assertThrows(
        SSLHandshakeException.class,
        () -> handshake(TlsTrust.jdkDefaults(), "localhost", "127.0.0.1"));
  }

  /** The extras' chain is trusted only for the names the server's certificate holds. */
  @Test
  void aTrustedChainForAnotherHostIsRefused() {
    SSLHandshakeException refused =
        assertThrows(
            SSLHandshakeException.class,
            () -> handshake(SERVER.clientTrust(), "127.0.0.2", "127.0.0.2"));
    assertTrue(refused.getMessage().contains("127.0.0.2"), refused.getMessage());
  }

  /**
   * The run's HTTP client itself (HttpsURLConnection with this trust, not a socket set up here)
   * checks the host name: a server whose certificate, from a trusted CA, names localhost and
   * 127.0.0.1 is refused at 127.0.0.2, never sees the request, and is not asked again (a refusal
   * fails as a TLS handshake does).
   */
  @Test
  void theRunsHttpClientRefusesATrustedServerForAnotherHost() throws Exception {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(SERVER.serverSslContext()));
    AtomicInteger requests = new AtomicInteger();
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      URI url = URI.create("https://127.0.0.2:" + server.getAddress().getPort() + "/");
      SSLHandshakeException refused =
          assertThrows(
              SSLHandshakeException.class,
              () -> SERVER.client(retry -> {}).send(SigstoreHttp.Request.get(url)));
      assertEquals(
          "the server's certificate names only localhost, 127.0.0.1, not 127.0.0.2",
          refused.getMessage());
      assertFalse(RetryPolicy.isTransient(refused));
      assertEquals(0, requests.get());
    } finally {
      server.stop(0);
    }
  }

  /**
   * One handshake to a server on {@code address}, checking the server is {@code host} as HTTPS
   * does.
   */
  private static String handshake(TlsTrust trust, String host, String address) throws Exception {
    try (SSLServerSocket server =
        (SSLServerSocket)
            SERVER
                .serverSslContext()
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName(address))) {
      CompletableFuture<Void> accepted =
          CompletableFuture.runAsync(
              () -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                  socket.setSoTimeout(10_000);
                  socket.startHandshake();
                  socket.getInputStream().read();
                } catch (IOException e) {
                  // The client refused the server: its side of the test.
                }
              });
      try (SSLSocket client =
          (SSLSocket)
              trust.sslContext().getSocketFactory().createSocket(host, server.getLocalPort())) {
        client.setSoTimeout(10_000);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(parameters);
        client.startHandshake();
        return client.getSession().getProtocol();
      } finally {
        accepted.get();
      }
    }
  }
}
