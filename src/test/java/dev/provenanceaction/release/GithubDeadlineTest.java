package dev.provenanceaction.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.testing.TestTls;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * A GitHub that cannot be talked to: each request is tried once by one layer when another attempt
 * cannot help, is timed out when nothing answers, and none is sent after the run's deadline.
 */
class GithubDeadlineTest extends ReleaseScenario {
  @Test
  void anUntrustedCertificateIsTriedOnceByEveryLayer() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (SSLServerSocket server =
        (SSLServerSocket)
            TestTls.create().serverSslContext().getServerSocketFactory().createServerSocket(0)) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (SSLSocket socket = (SSLSocket) server.accept()) {
                    connections.incrementAndGet();
                    socket.startHandshake();
                  } catch (IOException e) {
                    // the client refuses the certificate: what this test is about
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      ReleaseRequest untrusted = at(URI.create("https://127.0.0.1:" + server.getLocalPort()));

      ReleaseException e =
          assertThrows(ReleaseException.class, () -> publisher().publish(untrusted));

      assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
      assertEquals(List.of(), time.sleeps());
      assertEquals(1, connections.get(), "neither this policy nor github-api tried again");
    }
  }

  @Test
  void aServerThatNeverAnswersIsTimedOutAndGivenUpWithinTheDeadline() throws Exception {
    // Connections complete in the socket's backlog; nothing ever reads them, so no TLS handshake
    // ends: each attempt ends at its request timeout.
    try (ServerSocket silent = new ServerSocket(0)) {
      ReleaseRequest request = at(URI.create("https://127.0.0.1:" + silent.getLocalPort()));

      ReleaseException e =
          assertThrows(
              ReleaseException.class,
              () -> publisher().withRequestTimeout(Duration.ofMillis(300)).publish(request));

      assertTrue(e.getMessage().contains("gave up after 5 attempts"), e.getMessage());
      assertTrue(
          e.getMessage().contains("last: ConnectException: HTTP connect timed out"),
          e.getMessage());
      assertTrue(
          time.sleeps().stream()
                  .reduce(Duration.ZERO, Duration::plus)
                  .compareTo(Deadline.RUN_BUDGET)
              < 0,
          time.sleeps().toString());
    }
  }

  @Test
  void noRequestIsSentOnceTheRunsDeadlineHasPassed() throws Exception {
    ReleasePublisher publisher = publisher();
    // Sigstore's retries used up the run's budget before the upload began.
    time.sleeper().sleep(Deadline.RUN_BUDGET.plusSeconds(1));
    var file = file(SignedProvenance.line("100", 1, "a.whl"));

    ReleaseException e =
        assertThrows(
            ReleaseException.class, () -> publisher.publish(request(file, AssetConflict.MERGE)));

    assertTrue(
        e.getMessage()
            .contains(
                "GitHub: GET 127.0.0.1/repos/"
                    + SignedProvenance.REPOSITORY
                    + " was not tried: the 50.0 s the run allows its network calls had passed"),
        e.getMessage());
    assertEquals(List.of(), github.requests());
  }

  /** A request to the GitHub API at this address. */
  private ReleaseRequest at(URI apiUrl) throws IOException {
    return new ReleaseRequest(
        apiUrl,
        GithubToken.of(TOKEN),
        SignedProvenance.REPOSITORY,
        TAG,
        SHA,
        true,
        AssetConflict.MERGE,
        file(SignedProvenance.line("100", 1, "a.whl")),
        ASSET,
        true,
        false);
  }
}
