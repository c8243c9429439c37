package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.RealRekorV2Bundles.BLOB_BUNDLE;
import static dev.provenanceaction.verify.RealRekorV2Bundles.DSSE_BUNDLE;
import static dev.provenanceaction.verify.RealRekorV2Bundles.ROOT;
import static dev.provenanceaction.verify.RealRekorV2Bundles.blob;
import static dev.provenanceaction.verify.RealRekorV2Bundles.blobError;
import static dev.provenanceaction.verify.RealRekorV2Bundles.blobFails;
import static dev.provenanceaction.verify.RealRekorV2Bundles.blobWith;
import static dev.provenanceaction.verify.RealRekorV2Bundles.dsseFails;
import static dev.provenanceaction.verify.RealRekorV2Bundles.dsseWith;
import static dev.provenanceaction.verify.RealRekorV2Bundles.rootWithLogs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.TestRekorV2Log;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checkpoints and inclusion proofs of sigstore-python's real Rekor v2 bundles: C2SP signed
 * notes whose origin names the log, signed by its Ed25519 key, witness lines aside; each change
 * must fail the checkpoint or the proof.
 */
class RealRekorV2CheckpointTest {
  @Test
  void rootNamingTheLogBySpkiDigestStillFindsIt() throws Exception {
    // As sigstore-python's staging-but-sign-with-rekor-v2.json names log2025-alpha1.
    TrustedRoot.Log real = ROOT.transparencyLogs().get(1);
    TrustedRoot.Log bySpki =
        new TrustedRoot.Log(
            real.baseUrl(),
            real.publicKey(),
            real.keyDetails(),
            Digests.sha256(real.publicKey().getEncoded()),
            real.validFor());
    TrustedRoot root = rootWithLogs(List.of(ROOT.transparencyLogs().get(0), bySpki));

    assertEquals(
        "RycrnT/11WQ15JtgBXeYVLlFYMtbAka7+JnxUQaOX5E=",
        Base64.getEncoder().encodeToString(bySpki.logId()));
    BundleVerifier.create(root).verify(blob(BLOB_BUNDLE));
    BundleVerifier.create(root).verify(SigstoreBundle.parse(DSSE_BUNDLE));
  }

  @Test
  void changedCheckpointTextFailsTheCheckpoint() {
    // The note's tree size and root hash lines are what the log signed.
    String sizeChanged =
        blobWith(json -> BundleJsonMutations.replaceInCheckpoint(json, "\n646\n", "\n645\n"));
    String rootChanged =
        dsseWith(
            json ->
                BundleJsonMutations.replaceInCheckpoint(
                    json, "\nVLopDAB81ENEy7SM2", "\nWLopDAB81ENEy7SM2"));

    VerificationException error = blobError(sizeChanged);
    assertEquals(Check.CHECKPOINT, error.check());
    assertEquals(
        "CHECKPOINT: expected the log https://log2025-alpha1.rekor.sigstage.dev to have signed the"
            + " checkpoint, found a signature by its key id that does not verify",
        error.getMessage());
    assertEquals(Check.CHECKPOINT, dsseFails(rootChanged));
  }

  @Test
  void flippedCheckpointSignatureFailsTheCheckpoint() {
    String flipped =
        blobWith(
            json ->
                BundleJsonMutations.replaceInCheckpoint(
                    json, "ZuqnZ5RtHbq2kpt/B8AE=\n", "ZuqnZ5RtHbq2kpt/B8AA=\n"));

    assertEquals(Check.CHECKPOINT, blobFails(flipped));
  }

  @Test
  void witnessCosignatureOfAnUnknownKeyIsIgnored() throws Exception {
    TestRekorV2Log.Witness witness =
        new TestRekorV2Log.Witness("witness.example", TestRekorV2Log.generateEd25519());
    String cosigned = dsseWith(json -> BundleJsonMutations.appendWitnessLine(json, witness));

    BundleVerifier.create(ROOT).verify(SigstoreBundle.parse(cosigned));
  }

  @Test
  void lineWithTheLogsNameAndKeyIdThatDoesNotVerifyFailsTheCheckpoint() {
    // A second line claiming to be the log's: note.Open refuses a known key's bad signature.
    String forged =
        dsseWith(
            json ->
                BundleJsonMutations.replaceInCheckpoint(
                    json,
                    "okwLQw=\n",
                    "okwLQw=\n\u2014 log2025-alpha1.rekor.sigstage.dev 8w1amf"
                        + "A".repeat(86)
                        + "==\n"));

    assertEquals(Check.CHECKPOINT, dsseFails(forged));
  }

  @Test
  void checkpointOfAnotherOriginFailsTheCheckpoint() {
    String otherOrigin =
        blobWith(
            json ->
                BundleJsonMutations.replaceInCheckpoint(
                    json, "log2025-alpha1.rekor.sigstage.dev\n646", "log2025-alpha2.rekor\n646"));

    VerificationException error = blobError(otherOrigin);
    assertEquals(
        "CHECKPOINT: expected the origin \"log2025-alpha1.rekor.sigstage.dev\" of the log"
            + " https://log2025-alpha1.rekor.sigstage.dev, found \"log2025-alpha2.rekor\"",
        error.getMessage());
  }

  @Test
  void logWhoseHostIsNotTheOriginFailsTheCheckpoint() throws Exception {
    TrustedRoot.Log real = ROOT.transparencyLogs().get(1);
    TrustedRoot.Log renamed =
        new TrustedRoot.Log(
            URI.create("https://log2025-alpha1.rekor.example"),
            real.publicKey(),
            real.keyDetails(),
            real.logId(),
            real.validFor());

    assertEquals(Check.CHECKPOINT, blobError(rootWithLogs(List.of(renamed)), BLOB_BUNDLE).check());
  }

  @Test
  void flippedProofHashFailsTheInclusionProof() {
    assertEquals(
        Check.INCLUSION_PROOF,
        blobFails(
            blobWith(
                json ->
                    BundleJsonMutations.flipProofHash(
                        json, "/verificationMaterial/tlogEntries/0/inclusionProof", 2))));
    assertEquals(
        Check.INCLUSION_PROOF,
        dsseFails(
            dsseWith(
                json ->
                    BundleJsonMutations.flipProofHash(
                        json, "/verificationMaterial/tlogEntries/0/inclusionProof", 0))));
  }

  @Test
  void proofOfAnotherTreeThanTheCheckpointsFailsTheInclusionProof() {
    String otherTree =
        blobWith(
            json ->
                ((ObjectNode) json.at("/verificationMaterial/tlogEntries/0/inclusionProof"))
                    .put("treeSize", "645"));

    assertEquals(Check.INCLUSION_PROOF, blobFails(otherTree));
  }
}
