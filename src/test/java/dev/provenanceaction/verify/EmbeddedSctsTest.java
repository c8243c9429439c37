package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.EphemeralSigstore;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.x509.CertificateBuilder;
import dev.provenanceaction.sigstore.x509.Der;
import dev.provenanceaction.sigstore.x509.Extensions;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.TestSigner;
import dev.sigstore.encryption.certificates.transparency.CTLogInfo;
import dev.sigstore.encryption.certificates.transparency.CTLogStore;
import dev.sigstore.encryption.certificates.transparency.CTVerificationResult;
import dev.sigstore.encryption.certificates.transparency.CTVerifier;
import dev.sigstore.encryption.certificates.transparency.CertificateEntry;
import dev.sigstore.encryption.certificates.transparency.VerifiedSCT;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EmbeddedScts must reach sigstore-java's CTVerifier's verdicts, SCT by SCT. */
class EmbeddedSctsTest {
  private static final List<TrustedRoot.Log> NO_LOGS = List.of();

  @Test
  void realFulcioLeafAgainstEachPublicGoodIntermediate() throws Exception {
    TrustedRoot root = TrustedRoot.parse(Fixtures.bytes(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT));
    X509Certificate leaf =
        SigstoreBundle.parse(Fixtures.text(Fixtures.ATTEST_BUNDLE)).certificate();
    List<TrustedRoot.Log> logs = root.ctLogs();
    List<String> statuses = new ArrayList<>();
    for (TrustedRoot.CertificateAuthorityEntry authority : root.certificateAuthorities()) {
      List<X509Certificate> chain = List.of(leaf, authority.certChain().get(0));
      statuses.add(assertSameVerdicts(chain, logs));
      assertSameVerdicts(chain, NO_LOGS);
    }
    assertTrue(
        statuses.stream().anyMatch(status -> status.contains("[VALID:")), statuses.toString());
    assertSameVerdicts(List.of(leaf), logs);
  }

  @Test
  void ephemeralLeaves() throws Exception {
    EphemeralSigstore sigstore = EphemeralSigstore.create();
    OidcToken token = EphemeralSigstore.tokenFrom(Map.of("sub", "s", "email", "a@example.com"));
    List<X509Certificate> chain =
        TestSigner.generate().chain(sigstore.certificateAuthority(), token);
    List<TrustedRoot.Log> logs = sigstore.trustedRoot().ctLogs();

    assertEquals("[VALID]", assertSameVerdicts(chain, logs).replaceAll(":[0-9a-f]+", ""));
    assertSameVerdicts(List.of(chain.get(0), chain.get(2)), logs);
    assertSameVerdicts(chain, NO_LOGS);
  }

  @Test
  void extensionsAroundTheSctListPoisonAndCriticality() throws Exception {
    KeyPair issuer = Ecdsa.generateP384();
    KeyPair subject = Ecdsa.generateP256();
    byte[] sct = new byte[] {0, 5, 0, 3, 1, 2, 3}; // a list of one SCT that does not parse
    X509Certificate leaf =
        new CertificateBuilder(
                Extensions.name("o", "issuer"),
                BigInteger.TEN,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:10:00Z"),
                Extensions.EMPTY_NAME,
                subject.getPublic())
            .addExtension(
                Extensions.KEY_USAGE, true, Extensions.keyUsage(Extensions.DIGITAL_SIGNATURE))
            .addExtension(
                Extensions.SUBJECT_ALTERNATIVE_NAME,
                true,
                Extensions.subjectAlternativeName(Extensions.URI, "https://example.com/w"))
            .addExtension(EmbeddedScts.SCT_LIST_OID, false, Der.octetString(sct))
            .addExtension("1.3.6.1.4.1.11129.2.4.3", true, new byte[] {5, 0})
            .addExtension("1.3.6.1.4.1.57264.1.8", false, Der.utf8String("after the SCTs"))
            .sign(issuer.getPrivate());
    X509Certificate issuerCertificate =
        new CertificateBuilder(
                Extensions.name("o", "issuer"),
                BigInteger.ONE,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"),
                Extensions.name("o", "issuer"),
                issuer.getPublic())
            .sign(issuer.getPrivate());

    assertEquals("[]", assertSameVerdicts(List.of(leaf, issuerCertificate), NO_LOGS));
  }

  /** Same valid and invalid SCTs from both; returns them as {@code STATUS:logid}. */
  private static String assertSameVerdicts(List<X509Certificate> chain, List<TrustedRoot.Log> logs)
      throws Exception {
    String expected =
        describe(new CTVerifier(store(logs)).verifySignedCertificateTimestamps(chain, null, null));
    String actual =
        describe(EmbeddedScts.verify(chain, new TrustedRoot(List.of(), List.of(), logs)));
    assertEquals(expected, actual);
    if (chain.size() > 1) {
      assertArrayEquals(
          CertificateEntry.createForPrecertificate(chain.get(0), chain.get(1)).getCertificate(),
          EmbeddedScts.precertificateTbs(chain.get(0).getTBSCertificate()));
    }
    return actual;
  }

  private static String describe(CTVerificationResult result) {
    List<String> verdicts = new ArrayList<>();
    for (VerifiedSCT sct : result.getValidSCTs()) {
      verdicts.add(sct.status + ":" + HexFormat.of().formatHex(sct.sct.getLogID()));
    }
    for (VerifiedSCT sct : result.getInvalidSCTs()) {
      verdicts.add(sct.status + ":" + HexFormat.of().formatHex(sct.sct.getLogID()));
    }
    return verdicts.toString();
  }

  private static CTLogStore store(List<TrustedRoot.Log> ctLogs) {
    return logId ->
        ctLogs.stream()
            .filter(log -> Arrays.equals(log.logId(), logId))
            .map(log -> new CTLogInfo(log.publicKey(), "CT log", log.baseUrl().toString()))
            .findFirst()
            .orElse(null);
  }
}
