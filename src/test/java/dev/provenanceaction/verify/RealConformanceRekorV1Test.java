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
import static dev.provenanceaction.verify.RealBundleMutations.timestampByte;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sigstore-conformance's DSSE bundle that sigstore-go logged on public-good's Rekor v1 as a {@code
 * hashedrekord} 0.0.1 over the SHA-256 of the envelope's PAE, with an RFC 3161 timestamp of
 * timestamp.sigstore.dev; it verifies against sigstore-python's copy of the public-good root, which
 * holds that timestamp authority. Each change must fail the check about the part changed.
 */
class RealConformanceRekorV1Test {
  private static final TrustedRoot PUBLIC_GOOD = root(RealFiles.PRODUCTION_ROOT_WITH_TSA);
  private static final String BUNDLE = Fixtures.text(RealFiles.CONFORMANCE_DSSE_AS_HASHEDREKORD);

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

  static Stream<Arguments> changes() {
    return Stream.of(
        row(
            "flippedEnvelopeSignatureFailsTheDsseSignature",
            ENVELOPE_SIGNATURE,
            Check.DSSE_SIGNATURE),
        row("flippedSignedEntryTimestampFailsTheSet", SIGNED_ENTRY_TIMESTAMP, Check.SET),
        row("flippedCheckpointSignatureFailsTheCheckpoint", CHECKPOINT_SIGNATURE, Check.CHECKPOINT),
        row("flippedProofHashFailsTheInclusionProof", proofHash(17), Check.INCLUSION_PROOF),
        // Byte 90 lies in the signed TSTInfo, the last bytes in the authority's signature.
        row("flippedTimestampFailsTheTimestamp (byte 90)", timestampByte(90), Check.TIMESTAMP),
        row("flippedTimestampFailsTheTimestamp (byte -3)", timestampByte(-3), Check.TIMESTAMP),
        row("flippedCertificateFailsTheChain", CERTIFICATE, Check.CERTIFICATE_CHAIN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void changedPartFailsItsCheck(Consumer<JsonNode> change, Check check) {
    assertEquals(check, failedCheck(PUBLIC_GOOD, BUNDLE, change));
  }

  @Test
  void entryOfAnotherPublicGoodBundleFailsTheLogBody() {
    // actions/attest-build-provenance's a.txt bundle: a real dsse 0.0.1 entry of the same log.
    VerificationException error =
        failure(PUBLIC_GOOD, BUNDLE, entriesOf(Fixtures.text(Fixtures.ATTEST_BUNDLE)));

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error.getMessage().startsWith("LOG_BODY: expected /spec/payloadHash/value "),
        error.getMessage());
  }
}
