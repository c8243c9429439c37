package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Rekor v2 bundles sigstore-python made against Sigstore's staging instance (log
 * log2025-alpha1.rekor.sigstage.dev, timestamp.sigstage.dev) and the staging trusted root, as test
 * resources; {@code real/rekor-v2/README.md} names their sources. The blob bundle is the one the
 * trust-root tests read too.
 */
final class RealRekorV2Bundles {
  static final String BLOB_BUNDLE = Fixtures.text(RealFiles.STAGING_REKOR_V2_BUNDLE);
  static final String DSSE_BUNDLE =
      Fixtures.text("real/rekor-v2/a.dsse.staging-rekor-v2.txt.sigstore.json");
  static final TrustedRoot ROOT = root(Fixtures.text("real/rekor-v2/staging-trusted_root.json"));

  private RealRekorV2Bundles() {}

  static String entryKind(LogEntry entry) {
    return entry.kind() + " " + entry.version();
  }

  static MessageSignatureBundle blob(String json) {
    try {
      return MessageSignatureBundle.parse(JsonValue.parse(json));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The blob bundle's JSON with {@code change} made to it. */
  static String blobWith(Consumer<JsonNode> change) {
    return BundleJsonMutations.mutate(BLOB_BUNDLE, change);
  }

  /** The DSSE bundle's JSON with {@code change} made to it. */
  static String dsseWith(Consumer<JsonNode> change) {
    return BundleJsonMutations.mutate(DSSE_BUNDLE, change);
  }

  /** The staging root with {@code logs} in place of its transparency logs. */
  static TrustedRoot rootWithLogs(List<TrustedRoot.Log> logs) {
    return new TrustedRoot(
        ROOT.certificateAuthorities(), logs, ROOT.ctLogs(), ROOT.timestampAuthorities());
  }

  static Check blobFails(String json) {
    return blobError(json).check();
  }

  static VerificationException blobError(String json) {
    return blobError(ROOT, json);
  }

  static VerificationException blobError(TrustedRoot root, String json) {
    return assertThrows(
        VerificationException.class, () -> BundleVerifier.create(root).verify(blob(json)));
  }

  static Check dsseFails(String json) {
    return dsseError(json).check();
  }

  static VerificationException dsseError(String json) {
    return assertThrows(
        VerificationException.class,
        () -> BundleVerifier.create(ROOT).verify(SigstoreBundle.parse(json)));
  }

  static TrustedRoot root(String json) {
    try {
      return TrustedRoot.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String name) {
    return Fixtures.bytes("real/rekor-v2/" + name);
  }
}
