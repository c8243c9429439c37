package dev.provenanceaction.verify;

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
import org.junit.jupiter.api.Test;

/**
 * The bundle cosign's tests keep of an OCI attestation that {@code cosign attest} made on
 * public-good (Rekor v1 {@code dsse} 0.0.1, 2025-02-28, signed by an e-mail identity through
 * GitHub's OAuth), verified against root-signing's production root; each change must fail the check
 * about the part changed.
 */
class RealCosignBundleTest {
  private static final TrustedRoot PUBLIC_GOOD = root(RealFiles.PRODUCTION_ROOT);
  private static final String BUNDLE = Fixtures.text(RealFiles.COSIGN_ATTESTATION);
  private static final String ENTRY = "/verificationMaterial/tlogEntries/0";

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

  @Test
  void flippedSignatureFailsTheDsseSignature() {
    String flipped =
        BundleJsonMutations.mutate(
            BUNDLE,
            json -> BundleJsonMutations.flipBase64(json, "/dsseEnvelope/signatures/0", "sig"));

    assertEquals(Check.DSSE_SIGNATURE, error(PUBLIC_GOOD, flipped).check());
  }

  @Test
  void flippedSignedEntryTimestampFailsTheSet() {
    String flipped =
        BundleJsonMutations.mutate(
            BUNDLE,
            json ->
                BundleJsonMutations.flipBase64(
                    json, ENTRY + "/inclusionPromise", "signedEntryTimestamp"));

    assertEquals(Check.SET, error(PUBLIC_GOOD, flipped).check());
  }

  @Test
  void flippedCheckpointSignatureFailsTheCheckpoint() {
    String flipped =
        BundleJsonMutations.mutate(BUNDLE, BundleJsonMutations::flipCheckpointSignature);

    assertEquals(Check.CHECKPOINT, error(PUBLIC_GOOD, flipped).check());
  }

  @Test
  void flippedProofHashFailsTheInclusionProof() {
    String flipped =
        BundleJsonMutations.mutate(
            BUNDLE, json -> BundleJsonMutations.flipProofHash(json, ENTRY + "/inclusionProof", 5));

    assertEquals(Check.INCLUSION_PROOF, error(PUBLIC_GOOD, flipped).check());
  }

  @Test
  void flippedCertificateFailsTheChain() {
    String flipped =
        BundleJsonMutations.mutate(
            BUNDLE,
            json ->
                BundleJsonMutations.flipBase64(
                    json, "/verificationMaterial/certificate", "rawBytes"));

    assertEquals(Check.CERTIFICATE_CHAIN, error(PUBLIC_GOOD, flipped).check());
  }

  @Test
  void entryOfAnotherBundleOfTheSameLogFailsTheLogBody() {
    // sigstore-conformance's hashedrekord 0.0.1 entry: its SET and proof hold, its body does not.
    JsonNode other =
        BundleJsonMutations.read(Fixtures.text(RealFiles.CONFORMANCE_DSSE_AS_HASHEDREKORD))
            .at("/verificationMaterial/tlogEntries");

    VerificationException error =
        error(
            PUBLIC_GOOD,
            BundleJsonMutations.mutate(
                BUNDLE, json -> BundleJsonMutations.setEntries(json, other)));

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error.getMessage().startsWith("LOG_BODY: expected /spec/data/hash/value "),
        error.getMessage());
  }
}
