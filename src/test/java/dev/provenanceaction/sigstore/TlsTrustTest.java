package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.TestTls;
import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** What a client with these authorities trusts, against a loopback TLS server. */
class TlsTrustTest {
  private static final TestTls SERVER = TestTls.create();

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

  /** A chain another authority issued goes to the JDK's authorities, which refuse a test server. */
  @Test
  void aChainTheExtrasDoNotIssueIsTheJdksToJudge() {
    X509Certificate unrelated =
        EphemeralSigstore.create().trustedRoot().certificateAuthorities().get(0).certChain().get(0);
    SSLHandshakeException refused =
        assertThrows(
            SSLHandshakeException.class,
            () ->
                handshake(TlsTrust.jdkDefaultsPlus(List.of(unrelated)), "localhost", "127.0.0.1"));
    assertTrue(refused.getMessage().contains("PKIX path"), refused.getMessage());
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

  @Test
  void warmingUpLeavesHandshakesWorking() throws Exception {
    TlsTrust.warmUp();
    assertEquals("TLSv1.3", handshake(SERVER.clientTrust(), "localhost", "127.0.0.1"));
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
