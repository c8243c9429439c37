package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.fulcio.EphemeralCertificateAuthority;
import dev.provenanceaction.sigstore.fulcio.FulcioCertificateAuthority;
import dev.provenanceaction.sigstore.oidc.GithubOidcClient;
import dev.provenanceaction.sigstore.oidc.JwtClaims;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.rekor.RekorTransparencyLog;
import dev.provenanceaction.testing.FulcioServer;
import dev.provenanceaction.testing.MovableClock;
import dev.provenanceaction.testing.OidcTokenServer;
import dev.provenanceaction.testing.RekorServer;
import dev.provenanceaction.testing.TestTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dead Sigstore service ends the call in seconds: the OIDC endpoint, Fulcio and Rekor each
 * against a closed port and against a server that answers 503 every time, with the run's standard
 * client and retries, timed by a clock that moves by the real time taken plus each wait. The
 * messages name the service and the last cause.
 */
class SigstoreHttpTest {
  private static final TestTls TLS = TestTls.create();
  private static final CompletableFuture<Void> AT_ONCE = CompletableFuture.completedFuture(null);
  private static final Duration RUN_BOUND = Duration.ofSeconds(60);

  private final List<String> log = new ArrayList<>();
  private final long start = System.nanoTime();
  private long slept;
  private OidcTokenServer oidc;
  private FulcioServer fulcio;
  private RekorServer rekor;
  private OidcToken token;
  private final KeyPair keys = Ecdsa.generateP256();

  @BeforeEach
  void startServers() {
    oidc = OidcTokenServer.create(OidcTokenServer.Algorithm.ES256).start(TLS);
    oidc.setClaims(
        Map.of(
            "sub", "repo:octo/hello:ref:refs/tags/v1.0.0",
            "repository", "octo/hello",
            "ref", "refs/tags/v1.0.0",
            "sha", "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f",
            "job_workflow_ref", "octo/hello/.github/workflows/release.yml@refs/tags/v1.0.0",
            "runner_environment", "github-hosted"));
    EphemeralSigstore backend =
        EphemeralSigstore.create(
            URI.create("https://localhost"), URI.create("https://localhost"), Clock.systemUTC());
    fulcio = FulcioServer.create(oidc, backend.certificateAuthority()).start(TLS);
    rekor = RekorServer.create(backend.transparencyLog()).start(TLS);
    token = JwtClaims.token(oidc.issueToken("sigstore"));
  }

  @AfterEach
  void stopServers() {
    rekor.close();
    fulcio.close();
    oidc.close();
  }

  /** The run's client: standard timeouts and retries, their budget timed on the test's clock. */
  private SigstoreHttp http() {
    InstantSource clock = () -> Instant.ofEpochSecond(0, nanoTime());
    return SigstoreHttp.create(
        TLS.clientTrust(),
        RetryPolicy.standard()
            .withLog(log::add)
            .withDeadline(Deadline.after(RetryPolicy.STANDARD_BUDGET, clock))
            .withSleeper(duration -> slept += duration.toNanos()));
  }

  private long nanoTime() {
    return System.nanoTime() - start + slept;
  }

  private Duration waited() {
    return Duration.ofNanos(slept);
  }

  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("https://localhost:" + socket.getLocalPort());
    }
  }

  private OidcToken fetchToken(URI requestUrl) throws SigstoreException {
    return GithubOidcClient.of(requestUrl.toString(), oidc.requestToken(), http())
        .fetchToken(AT_ONCE);
  }

  private List<X509Certificate> issue(URI fulcioUrl) throws SigstoreException {
    byte[] proof =
        Ecdsa.sign(keys.getPrivate(), token.claim("sub").getBytes(StandardCharsets.UTF_8));
    return FulcioCertificateAuthority.of(fulcioUrl, http()).issue(token, keys.getPublic(), proof);
  }

  private void append(URI rekorUrl) throws Exception {
    EphemeralCertificateAuthority ca =
        EphemeralCertificateAuthority.create(
            URI.create("https://fulcio.example"), Clock.systemUTC());
    byte[] proof =
        Ecdsa.sign(keys.getPrivate(), token.claim("sub").getBytes(StandardCharsets.UTF_8));
    X509Certificate leaf = ca.issue(token, keys.getPublic(), proof).get(0);
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    DsseEnvelope envelope =
        new DsseEnvelope(
            payload,
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
            Ecdsa.sign(
                keys.getPrivate(), DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload)));
    RekorTransparencyLog.of(rekorUrl, http()).append(envelope, leaf);
  }

  private void assertGaveUp(SigstoreException e, String service, String lastCause) {
    assertEquals(service, e.service());
    assertTrue(
        e.getMessage().matches(service + ": gave up after \\d attempts.*, last: .*"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("last: " + lastCause), e.getMessage());
    Duration taken = Duration.ofNanos(nanoTime());
    assertTrue(taken.compareTo(Duration.ofSeconds(20)) < 0, "took " + taken);
    assertTrue(waited().compareTo(Duration.ofSeconds(15)) <= 0, "waited " + waited());
  }

  private static void assertRefused(SigstoreException e) {
    assertTrue(e.getMessage().contains(", last: cannot connect ("), e.getMessage());
  }

  @Test
  void oidcOnAClosedPort() throws IOException {
    URI url = closedPort().resolve("/_apis/distributedtask/token?api-version=2.0");
    SigstoreException e = assertThrows(SigstoreException.class, () -> fetchToken(url));
    assertRefused(e);
    assertGaveUp(e, "OIDC", e.getMessage().substring(e.getMessage().indexOf("cannot connect")));
  }

  @Test
  void oidcAnswering503() {
    oidc.failNext(Integer.MAX_VALUE, 503);
    SigstoreException e =
        assertThrows(SigstoreException.class, () -> fetchToken(oidc.requestUrl()));
    assertGaveUp(e, "OIDC", "HTTP 503");
    assertEquals(4, oidc.requestCount());
  }

  @Test
  void fulcioOnAClosedPort() throws IOException {
    URI url = closedPort();
    SigstoreException e = assertThrows(SigstoreException.class, () -> issue(url));
    assertRefused(e);
    assertGaveUp(e, "Fulcio", e.getMessage().substring(e.getMessage().indexOf("cannot connect")));
  }

  @Test
  void fulcioAnswering503() {
    fulcio.failNext(Integer.MAX_VALUE, 503);
    SigstoreException e = assertThrows(SigstoreException.class, () -> issue(fulcio.url()));
    assertGaveUp(e, "Fulcio", "HTTP 503: injected failure");
    assertEquals(4, fulcio.requestCount());
  }

  @Test
  void rekorOnAClosedPort() throws IOException {
    URI url = closedPort();
    SigstoreException e = assertThrows(SigstoreException.class, () -> append(url));
    assertRefused(e);
    assertGaveUp(e, "Rekor", e.getMessage().substring(e.getMessage().indexOf("cannot connect")));
  }

  @Test
  void rekorAnswering503() {
    rekor.failNext(Integer.MAX_VALUE, 503);
    SigstoreException e = assertThrows(SigstoreException.class, () -> append(rekor.url()));
    assertTrue(e.getMessage().contains(", last: HTTP 503"), e.getMessage());
    assertGaveUp(e, "Rekor", e.getMessage().substring(e.getMessage().indexOf("HTTP 503")));
    assertEquals(4, rekor.requestCount());
  }

  @Test
  void aServiceThatNeverAnswersIsCutOffAtTheRunsDeadline() throws Exception {
    // Connections complete in the socket's backlog; nothing reads them, so no TLS handshake ends.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      URI url = URI.create("https://localhost:" + silent.getLocalPort() + "/token");
      // The run's deadline on a clock that moves with real time, begun 49 s before the call.
      long began = System.nanoTime();
      MovableClock moved = new MovableClock(Instant.EPOCH);
      InstantSource clock = () -> moved.instant().plusNanos(System.nanoTime() - began);
      Deadline deadline = Deadline.after(Deadline.RUN_BUDGET, clock);
      moved.advance(Deadline.RUN_BUDGET.minusSeconds(1));
      SigstoreHttp http =
          SigstoreHttp.create(
              TLS.clientTrust(),
              RetryPolicy.standard()
                  .withLog(log::add)
                  .withSleeper(moved::advance)
                  .withDeadline(deadline));

      SigstoreException e =
          assertThrows(
              SigstoreException.class,
              () -> GithubOidcClient.of(url.toString(), "request-token", http).fetchToken(AT_ONCE));

      assertEquals("OIDC", e.service());
      assertTrue(
          e.getMessage().matches("OIDC: gave up after 1 attempts in 50\\.\\d s, last: .*"),
          e.getMessage());
      // The request's time counts from before it connects: the TLS handshake that never ends is cut
      // off as a connection that timed out.
      assertTrue(
          e.getMessage()
              .matches(".*last: SocketTimeoutException: connect timed out after \\d\\.\\d s"),
          e.getMessage());
      // The 5 s the client allows a connection would end 4 s past the budget.
      Duration taken = deadline.elapsed();
      assertTrue(taken.compareTo(Deadline.RUN_BUDGET.plusSeconds(3)) < 0, "the run took " + taken);
      assertEquals(List.of(), log, "no wait begun that would end past the deadline");
    }
  }

  @Test
  void allThreeOnTheirLastAttemptStayWithinTheRunsBound() throws Exception {
    oidc.failNext(3, 503);
    fulcio.failNext(3, 503);
    rekor.failNext(3, 503);
    OidcToken fetched = fetchToken(oidc.requestUrl());
    assertEquals(null, oidc.rejectionOf(fetched.rawToken()));
    assertEquals(3, issue(fulcio.url()).size());
    append(rekor.url());
    assertEquals(12, oidc.requestCount() + fulcio.requestCount() + rekor.requestCount());
    assertEquals(9, log.size(), log.toString());
    assertTrue(
        Duration.ofNanos(nanoTime()).compareTo(RUN_BOUND) < 0,
        "took " + Duration.ofNanos(nanoTime()));
  }
}
