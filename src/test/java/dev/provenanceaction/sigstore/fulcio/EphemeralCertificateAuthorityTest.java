package dev.provenanceaction.sigstore.fulcio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreJava;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.AttestFixtureClaims;
import dev.provenanceaction.testing.Fixtures;
import dev.sigstore.encryption.certificates.transparency.CTLogInfo;
import dev.sigstore.encryption.certificates.transparency.CTVerificationResult;
import dev.sigstore.encryption.certificates.transparency.CTVerifier;
import dev.sigstore.fulcio.client.FulcioVerifier;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;

class EphemeralCertificateAuthorityTest {
  private static final Instant NOW = Instant.parse("2024-11-20T20:43:45.303Z");

  /** The claims of the token behind the actions/attest-build-provenance fixture's leaf. */
  static Map<String, String> fixtureClaims() {
    return AttestFixtureClaims.claims();
  }

  private final EphemeralCertificateAuthority ca =
      EphemeralCertificateAuthority.create(
          URI.create("https://fulcio.ephemeral.invalid"), Clock.fixed(NOW, ZoneOffset.UTC));
  private final KeyPair signer = Ecdsa.generateP256();
  private final OidcToken token = new OidcToken("unused", fixtureClaims());

  private List<X509Certificate> issue() throws SigstoreException {
    byte[] proof =
        Ecdsa.sign(signer.getPrivate(), token.claim("sub").getBytes(StandardCharsets.UTF_8));
    return ca.issue(token, signer.getPublic(), proof);
  }

  @Test
  void chainValidatesWithJdkPkix() throws Exception {
    List<X509Certificate> chain = issue();
    X509Certificate leaf = chain.get(0);
    CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 2));
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(chain.get(2), null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(java.util.Date.from(NOW.plus(Duration.ofMinutes(5))));

    CertPathValidator.getInstance("PKIX").validate(path, parameters);

    assertEquals(
        Duration.ofMinutes(10),
        Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()));
    assertEquals("", leaf.getSubjectX500Principal().getName());
    assertTrue(leaf.getCriticalExtensionOIDs().contains("2.5.29.15")); // key usage
    assertTrue(leaf.getKeyUsage()[0]); // digitalSignature
    assertEquals(List.of("1.3.6.1.5.5.7.3.3"), leaf.getExtendedKeyUsage());
    assertEquals(signer.getPublic(), leaf.getPublicKey());
    assertEquals(ca.trustedRootEntry().certChain(), chain.subList(1, 3));
  }

  @Test
  void embeddedSctVerifiesWithSigstoreJavaCtVerifier() throws Exception {
    List<X509Certificate> chain = issue();
    TrustedRoot.Log ctLog = ca.ctLogEntry();
    CTLogInfo log = new CTLogInfo(ctLog.publicKey(), "ephemeral", ctLog.baseUrl().toString());
    CTVerifier verifier = new CTVerifier(logId -> Arrays.equals(logId, log.getID()) ? log : null);

    CTVerificationResult result = verifier.verifySignedCertificateTimestamps(chain, null, null);

    assertEquals(1, result.getValidSCTs().size());
    assertEquals(0, result.getInvalidSCTs().size());
    assertEquals(NOW.toEpochMilli(), result.getValidSCTs().get(0).sct.getTimestamp());
  }

  @Test
  void leafPassesSigstoreJavaFulcioVerifier() throws Exception {
    X509Certificate leaf = issue().get(0);
    TrustedRoot root =
        new TrustedRoot(List.of(ca.trustedRootEntry()), List.of(), List.of(ca.ctLogEntry()));
    FulcioVerifier verifier = FulcioVerifier.newFulcioVerifier(SigstoreJava.trustedRoot(root));

    verifier.verifySigningCertificate(
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)));
  }

  @Test
  void identityExtensionsMatchTheActionsAttestFixtureLeaf() throws Exception {
    X509Certificate fixture = fixtureLeaf();
    X509Certificate leaf = issue().get(0);

    List<String> fixtureOids = extensionOids(fixture);
    assertEquals(fixtureOids, extensionOids(leaf));
    Set<String> keyDependent =
        Set.of(
            Extension.subjectKeyIdentifier.getId(),
            Extension.authorityKeyIdentifier.getId(),
            EmbeddedSct.EXTENSION_OID);
    for (String oid : fixtureOids) {
      if (!keyDependent.contains(oid)) {
        assertArrayEquals(fixture.getExtensionValue(oid), leaf.getExtensionValue(oid), oid);
      }
    }
    assertEquals(fixture.getCriticalExtensionOIDs(), leaf.getCriticalExtensionOIDs());
  }

  @Test
  void emailTokenGetsAnEmailSan() throws Exception {
    OidcToken email =
        new OidcToken(
            "unused",
            Map.of("iss", "https://accounts.example", "sub", "123", "email", "a@example.com"));
    byte[] proof = Ecdsa.sign(signer.getPrivate(), "123".getBytes(StandardCharsets.UTF_8));

    X509Certificate leaf = ca.issue(email, signer.getPublic(), proof).get(0);

    assertEquals(
        List.of(List.of(1, "a@example.com")),
        leaf.getSubjectAlternativeNames().stream().map(List::copyOf).toList());
  }

  @Test
  void rejectsProofOverAnythingButTheSubject() {
    byte[] proof = Ecdsa.sign(signer.getPrivate(), "someone else".getBytes(StandardCharsets.UTF_8));
    SigstoreException e =
        assertThrows(SigstoreException.class, () -> ca.issue(token, signer.getPublic(), proof));
    assertEquals("Fulcio", e.service());
  }

  @Test
  void rejectsProofByAnotherKey() {
    byte[] proof =
        Ecdsa.sign(
            Ecdsa.generateP256().getPrivate(), token.claim("sub").getBytes(StandardCharsets.UTF_8));
    assertThrows(SigstoreException.class, () -> ca.issue(token, signer.getPublic(), proof));
  }

  @Test
  void rejectsTokenWithoutAnIdentity() {
    OidcToken bare = new OidcToken("unused", Map.of("iss", "https://accounts.example", "sub", "x"));
    byte[] proof = Ecdsa.sign(signer.getPrivate(), "x".getBytes(StandardCharsets.UTF_8));
    assertThrows(SigstoreException.class, () -> ca.issue(bare, signer.getPublic(), proof));
  }

  private static List<String> extensionOids(X509Certificate certificate) throws Exception {
    return Arrays.stream(
            Certificate.getInstance(certificate.getEncoded())
                .getTBSCertificate()
                .getExtensions()
                .getExtensionOIDs())
        .map(oid -> oid.getId())
        .toList();
  }

  private static X509Certificate fixtureLeaf() throws Exception {
    String rawBytes =
        new ObjectMapper()
            .readTree(Fixtures.bytes(Fixtures.ATTEST_BUNDLE))
            .at("/verificationMaterial/certificate/rawBytes")
            .asText();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(rawBytes)));
  }
}
