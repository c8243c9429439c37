package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.RealBundleMutations.CERTIFICATE;
import static dev.provenanceaction.verify.RealBundleMutations.CHECKPOINT_SIGNATURE;
import static dev.provenanceaction.verify.RealBundleMutations.MESSAGE_SIGNATURE;
import static dev.provenanceaction.verify.RealBundleMutations.SIGNED_ENTRY_TIMESTAMP;
import static dev.provenanceaction.verify.RealBundleMutations.checkpointText;
import static dev.provenanceaction.verify.RealBundleMutations.failedBlobCheck;
import static dev.provenanceaction.verify.RealBundleMutations.proofHash;
import static dev.provenanceaction.verify.RealBundleMutations.row;
import static dev.provenanceaction.verify.RealConformanceBundles.root;
import static dev.provenanceaction.verify.RealConformanceBundles.verifyBlob;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sigstore-go's bundle of a private sigstore-scaffolding deployment (2024-07-12): a leaf that an
 * RSA 4096 certificate authority signed with PKCS#1 v1.5, for a Fulcio username identity (an
 * otherName SAN), and a Rekor v1 {@code hashedrekord} entry whose checkpoint names the log by its
 * pod, not its URL's host. It must verify as a user's bundle does; each change must fail its check.
 */
class RealScaffoldingBundleTest {
  private static final TrustedRoot ROOT = root(RealFiles.SCAFFOLDING_ROOT);
  private static final String BUNDLE = Fixtures.text(RealFiles.SCAFFOLDING_OTHERNAME_BUNDLE);

  @Test
  void verifiesWithTheUsernameIdentity() throws Exception {
    VerifiedBlob verified = verifyBlob(ROOT, BUNDLE);

    assertEquals(Instant.parse("2024-07-12T19:06:29Z"), verified.integratedTime());
    CertificateIdentity identity = CertificateIdentity.of(verified.certificate());
    assertEquals("foo!oidc.local", identity.subjectAlternativeName());
    assertEquals(Optional.of("http://oidc.local:8080"), identity.issuer());
    IdentityPolicy.issuedBy("http://oidc.local:8080")
        .withSubjectAlternativeName("foo!oidc.local")
        .check(identity);
  }

  @Test
  void leafIsSignedByTheRsaAuthorityWithPkcs1() throws Exception {
    X509Certificate leaf = verifyBlob(ROOT, BUNDLE).certificate();
    X509Certificate authority = ROOT.certificateAuthorities().get(0).certChain().get(0);

    assertEquals("SHA256withRSA", leaf.getSigAlgName());
    assertEquals(4096, ((RSAPublicKey) authority.getPublicKey()).getModulus().bitLength());
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        row("flippedSignatureFailsTheMessageSignature", MESSAGE_SIGNATURE, Check.MESSAGE_SIGNATURE),
        row("flippedSignedEntryTimestampFailsTheSet", SIGNED_ENTRY_TIMESTAMP, Check.SET),
        row("flippedCheckpointSignatureFailsTheCheckpoint", CHECKPOINT_SIGNATURE, Check.CHECKPOINT),
        // The origin is not the URL's host, but it is signed.
        row(
            "changedCheckpointOriginFailsTheCheckpoint",
            checkpointText("jds5x - 6364419738405537866\n", "jds5y - 6364419738405537866\n"),
            Check.CHECKPOINT),
        row("flippedProofHashFailsTheInclusionProof", proofHash(1), Check.INCLUSION_PROOF),
        row("flippedCertificateFailsTheChain", CERTIFICATE, Check.CERTIFICATE_CHAIN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void changedPartFailsItsCheck(Consumer<JsonNode> change, Check check) {
    assertEquals(check, failedBlobCheck(ROOT, BUNDLE, change));
  }
}
