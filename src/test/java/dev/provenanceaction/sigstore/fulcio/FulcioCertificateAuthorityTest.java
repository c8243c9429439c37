package dev.provenanceaction.sigstore.fulcio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.oidc.JwtClaims;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.testing.FulcioServer;
import dev.provenanceaction.testing.OidcTokenServer;
import dev.provenanceaction.testing.TestTls;
import dev.sigstore.fulcio.v2.PublicKeyAlgorithm;
import io.grpc.Status;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FulcioCertificateAuthorityTest {
  private static final TestTls TLS = TestTls.create();
  private static final String WORKFLOW_REF =
      "octo/hello/.github/workflows/release.yml@refs/tags/v1.0.0";

  private final List<String> log = new ArrayList<>();
  private final KeyPair keys = Ecdsa.generateP256();
  private OidcTokenServer identityProvider;
  private FulcioServer server;
  private OidcToken token;

  @BeforeEach
  void start() {
    identityProvider = OidcTokenServer.create(OidcTokenServer.Algorithm.ES256);
    identityProvider.setClaims(
        Map.of(
            "sub", "repo:octo/hello:ref:refs/tags/v1.0.0",
            "repository", "octo/hello",
            "ref", "refs/tags/v1.0.0",
            "sha", "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f",
            "job_workflow_ref", WORKFLOW_REF,
            "runner_environment", "github-hosted"));
    token = JwtClaims.token(identityProvider.issueToken("sigstore"));
    server =
        FulcioServer.create(
                identityProvider,
                EphemeralCertificateAuthority.create(
                    URI.create("https://fulcio.example"), Clock.systemUTC()))
            .start(TLS);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private FulcioCertificateAuthority client() {
    return FulcioCertificateAuthority.of(server.url())
        .withTlsTrust(TLS.clientTrust())
        .withDeadline(Duration.ofSeconds(10))
        .withRetryPolicy(
            RetryPolicy.standard().withLog(log::add).withTime(duration -> {}, System::nanoTime));
  }

  private byte[] proofOfPossession() {
    return Ecdsa.sign(keys.getPrivate(), token.claim("sub").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void issuesACertificateForTheKeyAndIdentity() throws Exception {
    List<X509Certificate> chain = client().issue(token, keys.getPublic(), proofOfPossession());
    assertEquals(3, chain.size());
    X509Certificate leaf = chain.get(0);
    assertEquals(keys.getPublic(), leaf.getPublicKey());
    assertEquals(
        List.of(List.of(6, "https://github.com/" + WORKFLOW_REF)),
        new ArrayList<>(leaf.getSubjectAlternativeNames()));
    leaf.verify(chain.get(1).getPublicKey());
    assertEquals(1, server.requestCount());
    assertEquals(
        PublicKeyAlgorithm.ECDSA,
        server.lastRequest().getPublicKeyRequest().getPublicKey().getAlgorithm());
    assertTrue(
        server
            .lastRequest()
            .getPublicKeyRequest()
            .getPublicKey()
            .getContent()
            .startsWith("-----BEGIN PUBLIC KEY-----\n"));
    assertTrue(log.isEmpty());
  }

  @Test
  void retriesWhileUnavailableThenSucceeds() throws Exception {
    server.failNext(2, Status.Code.UNAVAILABLE.value());
    List<X509Certificate> chain = client().issue(token, keys.getPublic(), proofOfPossession());
    assertEquals(keys.getPublic(), chain.get(0).getPublicKey());
    assertEquals(3, server.requestCount());
    assertEquals(2, log.size());
    assertTrue(
        log.get(0).startsWith("Fulcio: UNAVAILABLE: injected failure, retrying in "), log.get(0));
    assertTrue(log.get(1).endsWith("(attempt 3 of 4)"), log.get(1));
  }

  @Test
  void finalFailureNamesTheServiceAndTheStatus() {
    server.failNext(10, Status.Code.RESOURCE_EXHAUSTED.value());
    SigstoreException e =
        assertThrows(
            SigstoreException.class,
            () -> client().issue(token, keys.getPublic(), proofOfPossession()));
    assertEquals("Fulcio", e.service());
    assertEquals(
        "Fulcio: gave up after 4 attempts, last: RESOURCE_EXHAUSTED: injected failure",
        e.getMessage());
    assertEquals(4, server.requestCount());
  }

  @Test
  void expiredTokenIsRefusedOnceAndNeverShown() {
    identityProvider.setLifetime(Duration.ofMinutes(-1));
    OidcToken expired = JwtClaims.token(identityProvider.issueToken("sigstore"));
    SigstoreException e =
        assertThrows(
            SigstoreException.class,
            () -> client().issue(expired, keys.getPublic(), proofOfPossession()));
    assertEquals(
        "Fulcio: UNAUTHENTICATED: There was an error processing the identity token",
        e.getMessage());
    assertEquals(1, server.requestCount());
    assertFalse(stackText(e).contains(expired.rawToken()));
  }

  @Test
  void wrongProofOfPossessionIsRefused() {
    byte[] otherKeysProof =
        Ecdsa.sign(
            Ecdsa.generateP256().getPrivate(), token.claim("sub").getBytes(StandardCharsets.UTF_8));
    SigstoreException e =
        assertThrows(
            SigstoreException.class, () -> client().issue(token, keys.getPublic(), otherKeysProof));
    assertEquals(
        "Fulcio: INVALID_ARGUMENT: The signature supplied in the request could not be verified",
        e.getMessage());
  }

  @Test
  void refusesADetachedSct() {
    server.answerWithDetachedSct(true);
    SigstoreException e =
        assertThrows(
            SigstoreException.class,
            () -> client().issue(token, keys.getPublic(), proofOfPossession()));
    assertTrue(e.getMessage().contains("detached SCT"), e.getMessage());
  }

  @Test
  void retriesAfterTheDeadlinePasses() throws Exception {
    server.delayNext(Duration.ofSeconds(5));
    List<X509Certificate> chain =
        client()
            .withDeadline(Duration.ofSeconds(2))
            .issue(token, keys.getPublic(), proofOfPossession());
    assertEquals(keys.getPublic(), chain.get(0).getPublicKey());
    assertEquals(2, server.requestCount());
    assertTrue(log.get(0).startsWith("Fulcio: DEADLINE_EXCEEDED"), log.get(0));
  }

  @Test
  void failsClearlyWithoutTrustInTheServerCertificate() {
    FulcioCertificateAuthority untrusting =
        FulcioCertificateAuthority.of(server.url())
            .withRetryPolicy(RetryPolicy.standard().withTime(duration -> {}, System::nanoTime));
    SigstoreException e =
        assertThrows(
            SigstoreException.class,
            () -> untrusting.issue(token, keys.getPublic(), proofOfPossession()));
    assertTrue(
        e.getMessage()
            .startsWith("Fulcio: TLS handshake failed, is the server's certificate trusted?"),
        e.getMessage());
    assertEquals(0, server.requestCount());
    assertFalse(stackText(e).contains(token.rawToken()));
  }

  @Test
  void takesTheTargetFromTheUrl() {
    assertEquals(
        "fulcio.sigstore.dev:443",
        FulcioCertificateAuthority.of(URI.create("https://fulcio.sigstore.dev")).target());
    assertEquals(
        "localhost:8443",
        FulcioCertificateAuthority.of(URI.create("https://localhost:8443/")).target());
    assertThrows(
        IllegalArgumentException.class,
        () -> FulcioCertificateAuthority.of(URI.create("http://fulcio.example")));
  }

  private static String stackText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
