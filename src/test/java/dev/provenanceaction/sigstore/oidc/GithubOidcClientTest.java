package dev.provenanceaction.sigstore.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.Background;
import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.TlsTrust;
import dev.provenanceaction.testing.OidcTokenServer;
import dev.provenanceaction.testing.TestTls;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GithubOidcClientTest {
  private static final TestTls TLS = TestTls.create();
  private static final CompletableFuture<Void> AT_ONCE = CompletableFuture.completedFuture(null);

  private final List<String> log = new ArrayList<>();
  private OidcTokenServer server;

  @BeforeEach
  void start() {
    server = OidcTokenServer.create(OidcTokenServer.Algorithm.ES256).start(TLS);
    server.setClaims(
        Map.of(
            "sub", "repo:octo/hello:ref:refs/tags/v1.0.0",
            "repository", "octo/hello",
            "run_id", 4711L,
            "job_workflow_ref", "octo/hello/.github/workflows/release.yml@refs/tags/v1.0.0"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private GithubOidcClient client() throws SigstoreException {
    return client(server.requestToken(), Duration.ofSeconds(5));
  }

  private GithubOidcClient client(String requestToken, Duration requestTimeout)
      throws SigstoreException {
    return GithubOidcClient.of(
        server.requestUrl().toString(), requestToken, TLS.client(log::add, requestTimeout));
  }

  private static SigstoreHttp http(TlsTrust trust) {
    return SigstoreHttp.create(trust, RetryPolicy.standard().withSleeper(duration -> {}));
  }

  @Test
  void fetchesASigstoreTokenWithItsClaims() throws Exception {
    OidcToken token = client().fetchToken(AT_ONCE);
    assertEquals(OidcTokenServer.ISSUER, token.claim("iss"));
    assertEquals("sigstore", token.claim("aud"));
    assertEquals("octo/hello", token.claim("repository"));
    assertEquals("4711", token.claim("run_id"));
    assertEquals("sigstore", server.lastAudience());
    assertEquals(1, server.requestCount());
    assertTrue(log.isEmpty());
    assertEquals(null, server.rejectionOf(token.rawToken()));
  }

  @Test
  void retriesAfterServerErrorsThenSucceeds() throws Exception {
    server.failNext(2, 503);
    OidcToken token = client().fetchToken(AT_ONCE);
    assertEquals("octo/hello", token.claim("repository"));
    assertEquals(3, server.requestCount());
    assertEquals(
        List.of("OIDC: HTTP 503, retrying in", "OIDC: HTTP 503, retrying in"),
        log.stream().map(line -> line.substring(0, line.indexOf(" in") + 3)).toList());
  }

  @Test
  void finalFailureNamesTheServiceAndTheCause() {
    server.failNext(10, 502);
    SigstoreException e = assertThrows(SigstoreException.class, () -> client().fetchToken(AT_ONCE));
    assertEquals("OIDC: gave up after 4 attempts, last: HTTP 502", e.getMessage());
    assertEquals(4, server.requestCount());
  }

  @Test
  void wrongRequestTokenIsNotRetriedAndNeverShown() throws Exception {
    String wrongToken = "secret-" + server.requestToken();
    GithubOidcClient client = client(wrongToken, Duration.ofSeconds(5));
    SigstoreException e = assertThrows(SigstoreException.class, () -> client.fetchToken(AT_ONCE));
    assertEquals("OIDC: HTTP 401", e.getMessage());
    assertEquals(1, server.requestCount());
    assertFalse(stackText(e).contains(wrongToken));
  }

  @Test
  void retriesAfterATimeout() throws Exception {
    server.delayNext(Duration.ofSeconds(6));
    OidcToken token = client(server.requestToken(), Duration.ofSeconds(2)).fetchToken(AT_ONCE);
    assertEquals("octo/hello", token.claim("repository"));
    assertEquals(2, server.requestCount());
    // On a loaded machine the TLS handshake itself may take the time, so either timeout counts.
    assertTrue(
        log.get(0)
            .matches(
                "OIDC: SocketTimeoutException: (connect|request) timed out after 2\\.\\d s, .*"),
        log.get(0));
  }

  @Test
  void failsClearlyWithoutTrustInTheServerCertificate() throws Exception {
    GithubOidcClient client =
        GithubOidcClient.of(
            server.requestUrl().toString(), server.requestToken(), http(TlsTrust.jdkDefaults()));
    SigstoreException e = assertThrows(SigstoreException.class, () -> client.fetchToken(AT_ONCE));
    assertTrue(
        e.getMessage()
            .startsWith("OIDC: TLS handshake failed, is the server's certificate trusted?"),
        e.getMessage());
    assertEquals(0, server.requestCount());
    assertFalse(stackText(e).contains(server.requestToken()));
  }

  @Test
  void connectsAtOnceButAsksOnlyOnceItMay() throws Exception {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    CompletableFuture<OidcToken> token = connectedFetch(ready, Duration.ofSeconds(5));
    Thread.sleep(300); // time for a request sent too soon to arrive
    assertEquals(0, server.requestCount());
    assertFalse(token.isDone());

    ready.complete(null);
    assertEquals("octo/hello", token.get(20, TimeUnit.SECONDS).claim("repository"));
    assertEquals(1, server.requestCount());
    assertEquals(1, server.connectionCount(), "asked on the connection made ahead");
    assertTrue(log.isEmpty(), log.toString());
  }

  @Test
  void asksNothingWhenWhatItWaitedForFails() throws Exception {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    CompletableFuture<OidcToken> token = connectedFetch(ready, Duration.ofSeconds(5));

    ready.completeExceptionally(new SigstoreException("Sigstore", "cannot read the instance"));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> token.get(20, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof SigstoreException, e.toString());
    assertEquals(0, server.requestCount());
    assertTrue(log.isEmpty(), "not retried: " + log);
  }

  @Test
  void itsWaitIsNoPartOfTheRequestsTime() throws Exception {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    CompletableFuture<OidcToken> token = connectedFetch(ready, Duration.ofSeconds(1));
    Thread.sleep(2500);

    ready.complete(null);
    assertEquals("octo/hello", token.get(20, TimeUnit.SECONDS).claim("repository"));
    assertEquals(1, server.requestCount());
    assertTrue(log.isEmpty(), "not retried: " + log);
  }

  /**
   * A token fetch that waits for {@code ready}, begun: its TLS connection has reached the server.
   */
  private CompletableFuture<OidcToken> connectedFetch(
      CompletableFuture<Void> ready, Duration requestTimeout) throws Exception {
    GithubOidcClient client = client(server.requestToken(), requestTimeout);
    CompletableFuture<OidcToken> token = Background.start("token", () -> client.fetchToken(ready));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.connectionCount() < 1) {
      assertTrue(System.nanoTime() < end, "no TLS connection came");
      Thread.sleep(10);
    }
    return token;
  }

  @Test
  void refusesARequestUrlThatIsNoHttpUrl() {
    for (String url : List.of("not a url", "file:///etc/passwd", "https:///no-host")) {
      SigstoreException e =
          assertThrows(
              SigstoreException.class,
              () -> GithubOidcClient.of(url, "t", http(TlsTrust.jdkDefaults())),
              url);
      assertTrue(e.getMessage().startsWith("OIDC: the token request URL is not"), e.getMessage());
    }
  }

  @Test
  void addsTheAudienceWithTheRightSeparator() throws Exception {
    SigstoreHttp http = http(TlsTrust.jdkDefaults());
    assertEquals(
        URI.create("https://runner/token?api-version=2.0&audience=sigstore"),
        GithubOidcClient.of("https://runner/token?api-version=2.0", "t", http)
            .audienceUrl("sigstore"));
    assertEquals(
        URI.create("https://runner/token?audience=sigstore"),
        GithubOidcClient.of("https://runner/token", "t", http).audienceUrl("sigstore"));
  }

  @Test
  void rs256TokensWorkToo() throws Exception {
    try (OidcTokenServer rsa = OidcTokenServer.create(OidcTokenServer.Algorithm.RS256).start(TLS)) {
      OidcToken token =
          GithubOidcClient.of(
                  rsa.requestUrl().toString(), rsa.requestToken(), http(TLS.clientTrust()))
              .fetchToken(AT_ONCE);
      assertEquals(null, rsa.rejectionOf(token.rawToken()));
    }
  }

  static String stackText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
