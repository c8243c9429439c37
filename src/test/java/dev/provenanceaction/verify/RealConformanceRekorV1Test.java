package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.RealConformanceBundles.assertBeacon;
import static dev.provenanceaction.verify.RealConformanceBundles.error;
import static dev.provenanceaction.verify.RealConformanceBundles.root;
import static dev.provenanceaction.verify.RealConformanceBundles.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * sigstore-conformance's DSSE bundle that sigstore-go logged on public-good's Rekor v1 as a {@code
 * hashedrekord} 0.0.1 over the SHA-256 of the envelope's PAE, with an RFC 3161 timestamp of
 * timestamp.sigstore.dev; it verifies against sigstore-python's copy of the public-good root, which
 * holds that timestamp authority. Each change must fail the check about the part changed.
 */
class RealConformanceRekorV1Test {
  private static final TrustedRoot PUBLIC_GOOD = root(RealFiles.PRODUCTION_ROOT_WITH_TSA);
  private static final String BUNDLE = Fixtures.text(RealFiles.CONFORMANCE_DSSE_AS_HASHEDREKORD);
  private static final String ENTRY = "/verificationMaterial/tlogEntries/0";

  @Test
  void verifiesAtItsIntegratedTimeWithTheBeaconsIdentity() throws Exception {
    VerifiedBundle verified = verify(PUBLIC_GOOD, BUNDLE);

    assertEquals(Instant.parse("2026-05-13T19:47:33Z"), verified.integratedTime());
    assertEquals(
        "hashedrekord 0.0.1", verified.logEntry().kind() + " " + verified.logEntry().version());
    assertBeacon(verified.certificate());
  }

  @Test
  void rootWithoutItsTimestampAuthorityCannotCheckTheTimestamp() {
    // root-signing's copy here predates the timestamp authority; a timestamp none can check fails.
    VerificationException error = error(root(RealFiles.PRODUCTION_ROOT), BUNDLE);

    assertEquals(
        "TIMESTAMP: expected a timestamp signed by one of 0 trusted timestamp authorities, found"
            + " one that none can check",
        error.getMessage());
  }

  @Test
  void flippedEnvelopeSignatureFailsTheDsseSignature() {
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
            BUNDLE, json -> BundleJsonMutations.flipProofHash(json, ENTRY + "/inclusionProof", 17));

    assertEquals(Check.INCLUSION_PROOF, error(PUBLIC_GOOD, flipped).check());
  }

  @Test
  void flippedTimestampFailsTheTimestamp() {
    assertEquals(
        Check.TIMESTAMP,
        error(
                PUBLIC_GOOD,
                BundleJsonMutations.mutate(
                    BUNDLE, json -> BundleJsonMutations.flipTimestamp(json, 90)))
            .check());
    assertEquals(
        Check.TIMESTAMP,
        error(
                PUBLIC_GOOD,
                BundleJsonMutations.mutate(
                    BUNDLE, json -> BundleJsonMutations.flipTimestamp(json, -3)))
            .check());
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
  void entryOfAnotherPublicGoodBundleFailsTheLogBody() {
    // actions/attest-build-provenance's a.txt bundle: a real dsse 0.0.1 entry of the same log.
    JsonNode other =
        BundleJsonMutations.read(Fixtures.text(Fixtures.ATTEST_BUNDLE))
            .at("/verificationMaterial/tlogEntries");

    VerificationException error =
        error(
            PUBLIC_GOOD,
            BundleJsonMutations.mutate(
                BUNDLE, json -> BundleJsonMutations.setEntries(json, other)));

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error.getMessage().startsWith("LOG_BODY: expected /spec/payloadHash/value "),
        error.getMessage());
  }
}
