package dev.provenanceaction.sigstore.fulcio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.TlsTrust;
import dev.provenanceaction.sigstore.oidc.JwtClaims;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.testing.FulcioOpenApi;
import dev.provenanceaction.testing.FulcioServer;
import dev.provenanceaction.testing.OidcTokenServer;
import dev.provenanceaction.testing.TestTls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
    return client(Duration.ofSeconds(10));
  }

  private FulcioCertificateAuthority client(Duration requestTimeout) {
    return FulcioCertificateAuthority.of(server.url(), TLS.client(log::add, requestTimeout));
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
    assertEquals(List.of(), server.violations());
    assertTrue(log.isEmpty());
  }

  @Test
  void sendsTheRequestSigstoreJsSends() throws Exception {
    byte[] proof = proofOfPossession();
    client().issue(token, keys.getPublic(), proof);
    var request = server.lastRequest();
    assertEquals(
        List.of("credentials", "publicKeyRequest"), fieldNames(request), request.toString());
    assertEquals(token.rawToken(), request.at("/credentials/oidcIdentityToken").asText());
    assertEquals("ECDSA", request.at("/publicKeyRequest/publicKey/algorithm").asText());
    String pem = request.at("/publicKeyRequest/publicKey/content").asText();
    assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"), pem);
    assertTrue(pem.endsWith("\n-----END PUBLIC KEY-----\n"), pem);
    assertEquals(
        Base64.getEncoder().encodeToString(proof),
        request.at("/publicKeyRequest/proofOfPossession").asText());
    assertEquals(List.of("application/json"), server.lastHeaders().get("Content-type"));
    assertEquals(List.of("application/json"), server.lastHeaders().get("Accept"));
  }

  @Test
  void fulciosDescriptionRefusesARequestWithoutTheKey() {
    List<String> violations =
        FulcioOpenApi.requestViolations(
            "POST",
            "/api/v2/signingCert",
            Map.of("Content-Type", List.of("application/json")),
            "{\"credentials\":{\"oidcIdentityToken\":\"t\"}}".getBytes(StandardCharsets.UTF_8));
    assertEquals(1, violations.size(), violations.toString());
    assertTrue(violations.get(0).contains("publicKeyRequest"), violations.toString());
  }

  private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void retriesWhileUnavailableThenSucceeds() throws Exception {
    server.failNext(2, 503);
    List<X509Certificate> chain = client().issue(token, keys.getPublic(), proofOfPossession());
    assertEquals(keys.getPublic(), chain.get(0).getPublicKey());
    assertEquals(3, server.requestCount());
    assertEquals(2, log.size());
    assertTrue(
        log.get(0).startsWith("Fulcio: HTTP 503: injected failure, retrying in "), log.get(0));
    assertTrue(log.get(1).endsWith("(attempt 3 of 4)"), log.get(1));
  }

  @Test
  void finalFailureNamesTheServiceAndTheStatus() {
    server.failNext(10, 429);
    SigstoreException e =
        assertThrows(
            SigstoreException.class,
            () -> client().issue(token, keys.getPublic(), proofOfPossession()));
    assertEquals("Fulcio", e.service());
    assertEquals(
        "Fulcio: gave up after 4 attempts, last: HTTP 429: injected failure", e.getMessage());
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
        "Fulcio: HTTP 401: There was an error processing the identity token", e.getMessage());
    assertEquals(1, server.requestCount());
    assertFalse(stackText(e).contains(expired.rawToken()));
  }

  @Test
  void aTokenQuotedInFulciosErrorIsBlankedOut() {
    identityProvider.setLifetime(Duration.ofMinutes(-1));
    OidcToken expired = JwtClaims.token(identityProvider.issueToken("sigstore"));
    server.quoteTokenInErrors(true);
    SigstoreException e =
        assertThrows(
            SigstoreException.class,
            () -> client().issue(expired, keys.getPublic(), proofOfPossession()));
    assertEquals(
        "Fulcio: HTTP 401: There was an error processing the identity token [token]",
        e.getMessage());
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
        "Fulcio: HTTP 400: The signature supplied in the request could not be verified",
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
        client(Duration.ofSeconds(2)).issue(token, keys.getPublic(), proofOfPossession());
    assertEquals(keys.getPublic(), chain.get(0).getPublicKey());
    assertEquals(2, server.requestCount());
    assertTrue(
        log.get(0).startsWith("Fulcio: SocketTimeoutException: request timed out after 2."),
        log.get(0));
  }

  @Test
  void failsClearlyWithoutTrustInTheServerCertificate() {
    FulcioCertificateAuthority untrusting =
        FulcioCertificateAuthority.of(
            server.url(),
            SigstoreHttp.create(
                TlsTrust.jdkDefaults(), RetryPolicy.standard().withSleeper(duration -> {})));
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
  void asksTheSigningConfigsUrl() {
    SigstoreHttp http = SigstoreHttp.create(TlsTrust.jdkDefaults(), RetryPolicy.standard());
    assertEquals(
        URI.create("https://fulcio.sigstore.dev/api/v2/signingCert"),
        FulcioCertificateAuthority.of(URI.create("https://fulcio.sigstore.dev"), http)
            .signingCertUrl());
    assertEquals(
        URI.create("https://localhost:8443/api/v2/signingCert"),
        FulcioCertificateAuthority.of(URI.create("https://localhost:8443/"), http)
            .signingCertUrl());
    assertThrows(
        IllegalArgumentException.class,
        () -> FulcioCertificateAuthority.of(URI.create("http://fulcio.example"), http));
  }

  private static String stackText(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }
}
