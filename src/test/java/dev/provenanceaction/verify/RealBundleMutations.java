package dev.provenanceaction.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.util.function.Consumer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The changes the real-bundle tests make, each to one part of a bundle that one check covers, and
 * the rows their parameterized tests run: the test's name, the change, the check it must fail.
 */
final class RealBundleMutations {
  static final String ENTRY = "/verificationMaterial/tlogEntries/0";

  static final Consumer<JsonNode> ENVELOPE_SIGNATURE =
      json -> BundleJsonMutations.flipBase64(json, "/dsseEnvelope/signatures/0", "sig");
  static final Consumer<JsonNode> MESSAGE_SIGNATURE =
      json -> BundleJsonMutations.flipBase64(json, "/messageSignature", "signature");
  static final Consumer<JsonNode> SIGNED_ENTRY_TIMESTAMP =
      json ->
          BundleJsonMutations.flipBase64(json, ENTRY + "/inclusionPromise", "signedEntryTimestamp");
  static final Consumer<JsonNode> CHECKPOINT_SIGNATURE =
      BundleJsonMutations::flipCheckpointSignature;

  /** The leaf of a bundle v0.3, kept as its one certificate. */
  static final Consumer<JsonNode> CERTIFICATE =
      json -> BundleJsonMutations.flipBase64(json, "/verificationMaterial/certificate", "rawBytes");

  /** The leaf of a bundle v0.1 or v0.2, the first of its chain. */
  static final Consumer<JsonNode> CHAIN_LEAF =
      json ->
          BundleJsonMutations.flipBase64(
              json, "/verificationMaterial/x509CertificateChain/certificates/0", "rawBytes");

  private RealBundleMutations() {}

  static Consumer<JsonNode> proofHash(int hash) {
    return json -> BundleJsonMutations.flipProofHash(json, ENTRY + "/inclusionProof", hash);
  }

  /** A byte of the first RFC 3161 timestamp; a negative index counts from its end. */
  static Consumer<JsonNode> timestampByte(int index) {
    return json -> BundleJsonMutations.flipTimestamp(json, index);
  }

  static Consumer<JsonNode> checkpointText(String from, String to) {
    return json -> BundleJsonMutations.replaceInCheckpoint(json, from, to);
  }

  /** The log entries of another bundle in place of the bundle's own. */
  static Consumer<JsonNode> entriesOf(String other) {
    JsonNode entries = BundleJsonMutations.read(other).at("/verificationMaterial/tlogEntries");
    return json -> BundleJsonMutations.setEntries(json, entries);
  }

  /** One case of a {@code @ParameterizedTest(name = "{0}")}: the name is the test's. */
  static Arguments row(String name, Consumer<JsonNode> change, Check check) {
    return Arguments.of(Named.of(name, change), check);
  }

  /** The error the changed copy of a DSSE bundle fails with. */
  static VerificationException failure(TrustedRoot root, String bundle, Consumer<JsonNode> change) {
    return RealConformanceBundles.error(root, BundleJsonMutations.mutate(bundle, change));
  }

  /** The error the changed copy of a blob's bundle fails with. */
  static VerificationException blobFailure(
      TrustedRoot root, String bundle, Consumer<JsonNode> change) {
    return RealConformanceBundles.blobError(root, BundleJsonMutations.mutate(bundle, change));
  }

  static Check failedCheck(TrustedRoot root, String bundle, Consumer<JsonNode> change) {
    return failure(root, bundle, change).check();
  }

  static Check failedBlobCheck(TrustedRoot root, String bundle, Consumer<JsonNode> change) {
    return blobFailure(root, bundle, change).check();
  }
}
