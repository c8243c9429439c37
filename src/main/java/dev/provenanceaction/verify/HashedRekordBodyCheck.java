package dev.provenanceaction.verify;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.bundle.MessageSignature;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The log's entry must record this signature: a {@code hashedrekord} body names a digest, the
 * signature over it and the signing certificate. Rekor v1's 0.0.1 body holds a blob's SHA-256 in
 * hex; Rekor v2's 0.0.2 body (protobuf JSON of {@code HashedRekordLogEntryV002}) holds it in
 * base64. A client may log a DSSE envelope this way too, over the SHA-256 of its PAE: Rekor v2
 * clients do, and sigstore-go can on Rekor v1.
 */
final class HashedRekordBodyCheck {
  static final String KIND = "hashedrekord";
  static final String VERSION = "0.0.1";
  static final String VERSION_V2 = "0.0.2";
  private static final String V2_SPEC = "/spec/hashedRekordV002";

  private HashedRekordBodyCheck() {}

  static void check(LogEntry entry, MessageSignature signature, X509Certificate leaf)
      throws VerificationException {
    check(entry, signature.digest(), signature.signature(), leaf);
  }

  /**
   * A v1 or v2 body for a SHA-256 digest and a signature by the leaf's key.
   *
   * @param digest the blob's SHA-256, or the SHA-256 of a DSSE envelope's PAE (the client spec lets
   *     a client log an envelope as either log's {@code hashedrekord})
   */
  static void check(LogEntry entry, byte[] digest, byte[] signature, X509Certificate leaf)
      throws VerificationException {
    if (entry.version().equals(VERSION_V2)) {
      checkV2(entry, digest, signature, leaf);
      return;
    }
    JsonValue body = LogBodies.read(entry, KIND, VERSION);
    LogBodies.expectText(body, "/spec/data/hash/algorithm", "sha256");
    LogBodies.expectText(body, "/spec/data/hash/value", HexFormat.of().formatHex(digest));
    LogBodies.expectText(
        body, "/spec/signature/content", Base64.getEncoder().encodeToString(signature));
    LogBodies.expectLeaf(
        LogBodies.certificate(body.at("/spec/signature/publicKey/content").asText()),
        leaf,
        "/spec/signature/publicKey/content");
  }

  private static void checkV2(LogEntry entry, byte[] digest, byte[] signature, X509Certificate leaf)
      throws VerificationException {
    JsonValue body = LogBodies.read(entry, KIND, VERSION_V2);
    Base64.Encoder base64 = Base64.getEncoder();
    LogBodies.expectText(body, V2_SPEC + "/data/algorithm", "SHA2_256");
    LogBodies.expectText(body, V2_SPEC + "/data/digest", base64.encodeToString(digest));
    LogBodies.expectText(body, V2_SPEC + "/signature/content", base64.encodeToString(signature));
    LogBodies.expectVerifier(
        body.at(V2_SPEC + "/signature/verifier"), leaf, V2_SPEC + "/signature/verifier");
  }
}
