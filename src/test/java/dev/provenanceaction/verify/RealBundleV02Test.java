package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.RealBundleMutations.CHAIN_LEAF;
import static dev.provenanceaction.verify.RealBundleMutations.CHECKPOINT_SIGNATURE;
import static dev.provenanceaction.verify.RealBundleMutations.MESSAGE_SIGNATURE;
import static dev.provenanceaction.verify.RealBundleMutations.checkpointText;
import static dev.provenanceaction.verify.RealBundleMutations.failedBlobCheck;
import static dev.provenanceaction.verify.RealBundleMutations.proofHash;
import static dev.provenanceaction.verify.RealBundleMutations.row;
import static dev.provenanceaction.verify.RealConformanceBundles.blobError;
import static dev.provenanceaction.verify.RealConformanceBundles.root;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sigstore-go's example bundle v0.2 (public-good, 2023-07-12): a blob signed by
 * sigstore-conformance's beacon, its leaf in an {@code x509CertificateChain}, and a Rekor v1 {@code
 * hashedrekord} 0.0.1 entry kept with its inclusion proof and checkpoint but no SET. Without a SET
 * its integrated time is the bundle's word only, and it has no timestamp: the spec asks for one or
 * the other (protobuf-specs #442), so it must fail the timestamp, once every other check passed.
 */
class RealBundleV02Test {
  private static final TrustedRoot PUBLIC_GOOD = root(RealFiles.PRODUCTION_ROOT);
  private static final String BUNDLE = Fixtures.text(RealFiles.SIGSTORE_GO_V02_BUNDLE);

  @Test
  void entryWithoutASetAndNoTimestampFailsOnlyTheTimestamp() throws Exception {
    MessageSignatureBundle bundle = MessageSignatureBundle.parse(JsonValue.parse(BUNDLE));
    assertEquals(
        "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf",
        HexFormat.of().formatHex(bundle.messageSignature().digest()));

    // Its checkpoint ("rekor.sigstore.dev - <tree id>", with a Timestamp line) is a Rekor v1 one
    // although the entry has no SET; the signature, checkpoint, proof and body all held.
    assertEquals(
        "TIMESTAMP: expected an inclusion promise (Rekor v1) or an RFC 3161 timestamp for an"
            + " entry of hashedrekord 0.0.1, found neither",
        blobError(PUBLIC_GOOD, BUNDLE).getMessage());
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        row("flippedSignatureFailsTheMessageSignature", MESSAGE_SIGNATURE, Check.MESSAGE_SIGNATURE),
        row("flippedCheckpointSignatureFailsTheCheckpoint", CHECKPOINT_SIGNATURE, Check.CHECKPOINT),
        // The extension line is part of the signed note.
        row(
            "changedCheckpointTimestampLineFailsTheCheckpoint",
            checkpointText("Timestamp: 1689177396617352539", "Timestamp: 1689177396617352538"),
            Check.CHECKPOINT),
        row("flippedProofHashFailsTheInclusionProof", proofHash(3), Check.INCLUSION_PROOF),
        row("flippedCertificateFailsTheChain", CHAIN_LEAF, Check.CERTIFICATE_CHAIN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void changedPartFailsItsCheck(Consumer<JsonNode> change, Check check) {
    assertEquals(check, failedBlobCheck(PUBLIC_GOOD, BUNDLE, change));
  }
}
