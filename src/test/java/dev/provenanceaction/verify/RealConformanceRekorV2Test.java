package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.RealBundleMutations.CERTIFICATE;
import static dev.provenanceaction.verify.RealBundleMutations.CHECKPOINT_SIGNATURE;
import static dev.provenanceaction.verify.RealBundleMutations.ENTRY;
import static dev.provenanceaction.verify.RealBundleMutations.ENVELOPE_SIGNATURE;
import static dev.provenanceaction.verify.RealBundleMutations.MESSAGE_SIGNATURE;
import static dev.provenanceaction.verify.RealBundleMutations.blobFailure;
import static dev.provenanceaction.verify.RealBundleMutations.entriesOf;
import static dev.provenanceaction.verify.RealBundleMutations.failedBlobCheck;
import static dev.provenanceaction.verify.RealBundleMutations.failedCheck;
import static dev.provenanceaction.verify.RealBundleMutations.failure;
import static dev.provenanceaction.verify.RealBundleMutations.proofHash;
import static dev.provenanceaction.verify.RealBundleMutations.row;
import static dev.provenanceaction.verify.RealBundleMutations.timestampByte;
import static dev.provenanceaction.verify.RealConformanceBundles.assertBeacon;
import static dev.provenanceaction.verify.RealConformanceBundles.blobError;
import static dev.provenanceaction.verify.RealConformanceBundles.error;
import static dev.provenanceaction.verify.RealConformanceBundles.root;
import static dev.provenanceaction.verify.RealConformanceBundles.verify;
import static dev.provenanceaction.verify.RealConformanceBundles.verifyBlob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sigstore-conformance's Rekor v2 bundles of Sigstore staging (log
 * log2025-alpha1.rekor.sigstage.dev, timestamp.sigstage.dev): a {@code dsse} 0.0.2 bundle that
 * verifies, and a {@code hashedrekord} 0.0.2 blob bundle whose second timestamp falls after its
 * leaf expired, which must not. Each change to the valid ones must fail the check about the part
 * changed.
 */
class RealConformanceRekorV2Test {
  private static final TrustedRoot STAGING = root(RealFiles.STAGING_ROOT_WITH_REKOR_V2);
  private static final String DSSE = Fixtures.text(RealFiles.CONFORMANCE_REKOR_V2_DSSE);
  private static final String LATE = Fixtures.text(RealFiles.CONFORMANCE_LATE_SECOND_TIMESTAMP);

  /** The blob bundle as it was before the conformance suite appended the late timestamp. */
  private static final String BLOB =
      BundleJsonMutations.mutate(LATE, BundleJsonMutations::keepFirstTimestamp);

  @Test
  void dsseBundleVerifiesAtItsTimestampWithTheBeaconsIdentity() throws Exception {
    VerifiedBundle verified = verify(STAGING, DSSE);

    assertEquals(Instant.parse("2025-07-25T19:53:04Z"), verified.integratedTime());
    assertEquals("dsse 0.0.2", verified.logEntry().kind() + " " + verified.logEntry().version());
    assertTrue(
        new String(verified.statement(), StandardCharsets.UTF_8)
            .contains(
                "\"digest\":{\"sha256\":"
                    + "\"a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf\"}"));
    assertBeacon(verified.certificate());
    // The staging root copied from sigstore-python's test assets knows the log too.
    verify(root("real/rekor-v2/staging-trusted_root.json"), DSSE);
  }

  @Test
  void lateSecondTimestampFailsTheCertificatesValidity() {
    VerificationException error = blobError(STAGING, LATE);

    assertEquals(
        "CERTIFICATE_VALIDITY: expected the timestamp's time 2025-07-15T10:33:31Z within the"
            + " leaf's validity, found it outside 2025-06-12T12:02:16Z to 2025-06-12T12:12:16Z",
        error.getMessage());
  }

  @Test
  void envelopeOtherThanTheLoggedOneFailsTheLogBody() {
    // The suite's splice: the envelope and timestamp of a second bundle of the same signer, the
    // entry of the first. Signature, timestamp, checkpoint and proof each hold; the body does not.
    VerificationException error =
        error(STAGING, Fixtures.text(RealFiles.CONFORMANCE_REKOR_V2_OTHER_ENVELOPE));

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error.getMessage().startsWith("LOG_BODY: expected /spec/dsseV002/payloadHash/digest "),
        error.getMessage());
  }

  @Test
  void withItsFirstTimestampAloneTheBlobBundleVerifies() throws Exception {
    VerifiedBlob verified = verifyBlob(STAGING, BLOB);

    assertEquals(Instant.parse("2025-06-12T12:02:20Z"), verified.integratedTime());
    assertEquals(
        "hashedrekord 0.0.2", verified.logEntry().kind() + " " + verified.logEntry().version());
    // The same a.txt as the DSSE bundle's subject.
    assertEquals(
        "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf",
        HexFormat.of().formatHex(verified.sha256()));
    assertBeacon(verified.certificate());
  }

  static Stream<Arguments> dsseChanges() {
    return Stream.of(
        row("flippedSignaturesFailTheirSignatureChecks", ENVELOPE_SIGNATURE, Check.DSSE_SIGNATURE),
        row("flippedCheckpointSignatureFailsTheCheckpoint", CHECKPOINT_SIGNATURE, Check.CHECKPOINT),
        row("flippedProofHashFailsTheInclusionProof", proofHash(9), Check.INCLUSION_PROOF),
        // Byte 90 lies in the signed TSTInfo.
        row("flippedTimestampFailsTheTimestamp", timestampByte(90), Check.TIMESTAMP),
        row("flippedCertificateFailsTheChain", CERTIFICATE, Check.CERTIFICATE_CHAIN));
  }

  static Stream<Arguments> blobChanges() {
    return Stream.of(
        row(
            "flippedSignaturesFailTheirSignatureChecks",
            MESSAGE_SIGNATURE,
            Check.MESSAGE_SIGNATURE),
        row("flippedCheckpointSignatureFailsTheCheckpoint", CHECKPOINT_SIGNATURE, Check.CHECKPOINT),
        row("flippedProofHashFailsTheInclusionProof", proofHash(0), Check.INCLUSION_PROOF),
        // The last bytes lie in the timestamp authority's signature.
        row("flippedTimestampFailsTheTimestamp", timestampByte(-3), Check.TIMESTAMP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dsseChanges")
  void changedPartOfTheDsseBundleFailsItsCheck(Consumer<JsonNode> change, Check check) {
    assertEquals(check, failedCheck(STAGING, DSSE, change));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blobChanges")
  void changedPartOfTheBlobBundleFailsItsCheck(Consumer<JsonNode> change, Check check) {
    assertEquals(check, failedBlobCheck(STAGING, BLOB, change));
  }

  @Test
  void withoutTheTimestampAuthorityTheTimestampFails() {
    TrustedRoot noTsa =
        new TrustedRoot(
            STAGING.certificateAuthorities(),
            STAGING.transparencyLogs(),
            STAGING.ctLogs(),
            java.util.List.of());

    assertEquals(Check.TIMESTAMP, error(noTsa, DSSE).check());
    assertEquals(Check.TIMESTAMP, blobError(noTsa, BLOB).check());
  }

  @Test
  void swappedEntriesFailTheLogBody() {
    VerificationException dsseError = failure(STAGING, DSSE, entriesOf(BLOB));
    VerificationException blobError = blobFailure(STAGING, BLOB, entriesOf(DSSE));

    // Each entry's proof and checkpoint hold for its own body; the body names the other signature.
    assertEquals(Check.LOG_BODY, dsseError.check());
    assertTrue(
        dsseError.getMessage().startsWith("LOG_BODY: expected /spec/hashedRekordV002/data/digest "),
        dsseError.getMessage());
    assertEquals(
        "LOG_BODY: expected kind hashedrekord 0.0.2, found dsse 0.0.2", blobError.getMessage());
  }

  @Test
  void entryOfAnotherIndexFailsTheInclusionProof() {
    Consumer<JsonNode> move =
        json -> ((ObjectNode) json.at(ENTRY + "/inclusionProof")).put("logIndex", "7130");

    assertEquals(Check.INCLUSION_PROOF, failedCheck(STAGING, DSSE, move));
  }
}
