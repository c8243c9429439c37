package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.RealBundleMutations.CERTIFICATE;
import static dev.provenanceaction.verify.RealBundleMutations.CHECKPOINT_SIGNATURE;
import static dev.provenanceaction.verify.RealBundleMutations.ENVELOPE_SIGNATURE;
import static dev.provenanceaction.verify.RealBundleMutations.SIGNED_ENTRY_TIMESTAMP;
import static dev.provenanceaction.verify.RealBundleMutations.entriesOf;
import static dev.provenanceaction.verify.RealBundleMutations.failedCheck;
import static dev.provenanceaction.verify.RealBundleMutations.failure;
import static dev.provenanceaction.verify.RealBundleMutations.proofHash;
import static dev.provenanceaction.verify.RealBundleMutations.row;
import static dev.provenanceaction.verify.RealConformanceBundles.error;
import static dev.provenanceaction.verify.RealConformanceBundles.root;
import static dev.provenanceaction.verify.RealConformanceBundles.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundle cosign's tests keep of an OCI attestation that {@code cosign attest} made on
 * public-good (Rekor v1 {@code dsse} 0.0.1, 2025-02-28, signed by an e-mail identity through
 * GitHub's OAuth), verified against root-signing's production root; each change must fail the check
 * about the part changed.
 */
class RealCosignBundleTest {
  private static final TrustedRoot PUBLIC_GOOD = root(RealFiles.PRODUCTION_ROOT);
  private static final String BUNDLE = Fixtures.text(RealFiles.COSIGN_ATTESTATION);

  @Test
  void verifiesAtItsIntegratedTimeWithTheSignersEmail() throws Exception {
    VerifiedBundle verified = verify(PUBLIC_GOOD, BUNDLE);

    assertEquals(Instant.parse("2025-02-28T19:18:11Z"), verified.integratedTime());
    assertEquals("dsse 0.0.1", verified.logEntry().kind() + " " + verified.logEntry().version());
    assertTrue(
        new String(verified.statement(), StandardCharsets.UTF_8)
            .contains("\"predicateType\":\"https://cosign.sigstore.dev/attestation/v1\""));
    IdentityPolicy.issuedBy("https://github.com/login/oauth")
        .withSubjectAlternativeName("cody@soyland.com")
        .check(CertificateIdentity.of(verified.certificate()));
    // sigstore-python's copy of the root, with its timestamp authority, verifies it the same way.
    verify(root(RealFiles.PRODUCTION_ROOT_WITH_TSA), BUNDLE);
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        row("flippedSignatureFailsTheDsseSignature", ENVELOPE_SIGNATURE, Check.DSSE_SIGNATURE),
        row("flippedSignedEntryTimestampFailsTheSet", SIGNED_ENTRY_TIMESTAMP, Check.SET),
        row("flippedCheckpointSignatureFailsTheCheckpoint", CHECKPOINT_SIGNATURE, Check.CHECKPOINT),
        row("flippedProofHashFailsTheInclusionProof", proofHash(5), Check.INCLUSION_PROOF),
        row("flippedCertificateFailsTheChain", CERTIFICATE, Check.CERTIFICATE_CHAIN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void changedPartFailsItsCheck(Consumer<JsonNode> change, Check check) {
    assertEquals(check, failedCheck(PUBLIC_GOOD, BUNDLE, change));
  }

  @Test
  void entryOfAnotherBundleOfTheSameLogFailsTheLogBody() {
    // sigstore-conformance's hashedrekord 0.0.1 entry: its SET and proof hold, its body does not.
    VerificationException error =
        failure(
            PUBLIC_GOOD,
            BUNDLE,
            entriesOf(Fixtures.text(RealFiles.CONFORMANCE_DSSE_AS_HASHEDREKORD)));

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error.getMessage().startsWith("LOG_BODY: expected /spec/data/hash/value "),
        error.getMessage());
  }
}
