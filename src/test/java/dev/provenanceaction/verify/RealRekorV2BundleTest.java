package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.RealRekorV2Bundles.BLOB_BUNDLE;
import static dev.provenanceaction.verify.RealRekorV2Bundles.DSSE_BUNDLE;
import static dev.provenanceaction.verify.RealRekorV2Bundles.ROOT;
import static dev.provenanceaction.verify.RealRekorV2Bundles.blob;
import static dev.provenanceaction.verify.RealRekorV2Bundles.blobError;
import static dev.provenanceaction.verify.RealRekorV2Bundles.blobFails;
import static dev.provenanceaction.verify.RealRekorV2Bundles.blobWith;
import static dev.provenanceaction.verify.RealRekorV2Bundles.bytes;
import static dev.provenanceaction.verify.RealRekorV2Bundles.dsseError;
import static dev.provenanceaction.verify.RealRekorV2Bundles.dsseFails;
import static dev.provenanceaction.verify.RealRekorV2Bundles.dsseWith;
import static dev.provenanceaction.verify.RealRekorV2Bundles.entryKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Sha256;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rekor v2 bundles that sigstore-python made against Sigstore's staging instance (log
 * log2025-alpha1.rekor.sigstage.dev, timestamp.sigstage.dev), verified against the staging trusted
 * root; each mutation must fail the check about the part it changed. See {@code
 * real/rekor-v2/README.md} for the files' sources.
 */
class RealRekorV2BundleTest {

  @Test
  void hashedRekordBlobBundleVerifiesAtItsTimestamp() throws Exception {
    VerifiedBlob verified = BundleVerifier.create(ROOT).verify(blob(BLOB_BUNDLE));

    assertEquals(Instant.parse("2025-06-09T11:57:38Z"), verified.integratedTime());
    assertEquals("hashedrekord 0.0.2", entryKind(verified.logEntry()));
    assertEquals(
        Base64.getEncoder().encodeToString(Digests.sha256(bytes("staging-rekor-v2.txt"))),
        Base64.getEncoder().encodeToString(verified.sha256()));
  }

  @Test
  void dsseBundleVerifiesAtItsTimestamp() throws Exception {
    VerifiedBundle verified = BundleVerifier.create(ROOT).verify(SigstoreBundle.parse(DSSE_BUNDLE));

    assertEquals(Instant.parse("2025-06-09T21:06:28Z"), verified.integratedTime());
    assertEquals("dsse 0.0.2", entryKind(verified.logEntry()));
  }

  @Test
  void verifyBundleAcceptsTheSignedFileWithTheSignersIdentity() throws Exception {
    Artifact artifact =
        new Artifact("staging-rekor-v2.txt", Sha256.hex(bytes("staging-rekor-v2.txt")));

    List<ArtifactResult> results =
        ProvenanceVerification.verify(
            BLOB_BUNDLE,
            ROOT,
            VerificationPolicy.anyStatementOrBlob(
                List.of(artifact),
                IdentityPolicy.issuedBy("https://github.com/login/oauth")
                    .withSubjectAlternativeName("jku@goto.fi")));

    assertEquals(1, results.size());
    assertTrue(results.get(0).isVerified(), () -> results.get(0).failure().get().message());
    assertEquals(artifact, results.get(0).artifact());
  }

  @Test
  void flippedSignaturesFailTheirSignatureChecks() {
    assertEquals(
        Check.MESSAGE_SIGNATURE,
        blobFails(
            blobWith(
                json -> BundleJsonMutations.flipBase64(json, "/messageSignature", "signature"))));
    assertEquals(
        Check.DSSE_SIGNATURE,
        dsseFails(
            dsseWith(
                json ->
                    BundleJsonMutations.flipBase64(json, "/dsseEnvelope/signatures/0", "sig"))));
  }

  @Test
  void changedTimestampTokenFailsTheTimestamp() {
    // Byte 90 lies in the signed TSTInfo (its message imprint); the last bytes in the signature.
    assertEquals(
        Check.TIMESTAMP, blobFails(blobWith(json -> BundleJsonMutations.flipTimestamp(json, 90))));
    assertEquals(
        Check.TIMESTAMP, dsseFails(dsseWith(json -> BundleJsonMutations.flipTimestamp(json, -3))));
  }

  @Test
  void timestampOfAnUntrustedAuthorityFailsTheTimestamp() {
    TrustedRoot withoutAuthority =
        new TrustedRoot(
            ROOT.certificateAuthorities(), ROOT.transparencyLogs(), ROOT.ctLogs(), List.of());

    VerificationException error = blobError(withoutAuthority, BLOB_BUNDLE);
    assertEquals(
        "TIMESTAMP: expected a timestamp signed by one of 0 trusted timestamp authorities, found"
            + " one that none can check",
        error.getMessage());
  }

  @Test
  void entryWithoutTimestampFailsTheTimestamp() {
    String untimed =
        dsseWith(
            json ->
                ((ObjectNode) json.get("verificationMaterial"))
                    .remove("timestampVerificationData"));

    assertEquals(Check.TIMESTAMP, dsseFails(untimed));
  }

  @Test
  void flippedCertificateFailsTheChain() {
    String flipped =
        blobWith(
            json ->
                BundleJsonMutations.flipBase64(
                    json, "/verificationMaterial/certificate", "rawBytes"));

    assertEquals(Check.CERTIFICATE_CHAIN, blobFails(flipped));
  }

  @Test
  void swappedEntriesFailTheLogBody() {
    JsonNode blobEntry =
        BundleJsonMutations.read(BLOB_BUNDLE).at("/verificationMaterial/tlogEntries");
    JsonNode dsseEntry =
        BundleJsonMutations.read(DSSE_BUNDLE).at("/verificationMaterial/tlogEntries");

    VerificationException blobError =
        blobError(blobWith(json -> BundleJsonMutations.setEntries(json, dsseEntry)));
    VerificationException dsseError =
        dsseError(dsseWith(json -> BundleJsonMutations.setEntries(json, blobEntry)));

    assertEquals(
        "LOG_BODY: expected kind hashedrekord 0.0.2, found dsse 0.0.2", blobError.getMessage());
    assertEquals(Check.LOG_BODY, dsseError.check());
    assertTrue(
        dsseError.getMessage().startsWith("LOG_BODY: expected /spec/hashedRekordV002/data/digest "),
        dsseError.getMessage());
  }
}
