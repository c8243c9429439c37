package dev.provenanceaction.verify;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.bundle.MessageSignature;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The log's entry must record this blob signature: a Rekor v1 {@code hashedrekord} 0.0.1 body names
 * the blob's SHA-256, the signature and the signing certificate.
 */
final class HashedRekordBodyCheck {
  static final String KIND = "hashedrekord";
  static final String VERSION = "0.0.1";

  private HashedRekordBodyCheck() {}

  static void check(LogEntry entry, MessageSignature signature, X509Certificate leaf)
      throws VerificationException {
    JsonValue body = LogBodies.read(entry, KIND, VERSION);
    LogBodies.expectText(body, "/spec/data/hash/algorithm", "sha256");
    LogBodies.expectText(
        body, "/spec/data/hash/value", HexFormat.of().formatHex(signature.digest()));
    LogBodies.expectText(
        body, "/spec/signature/content", Base64.getEncoder().encodeToString(signature.signature()));
    LogBodies.expectLeaf(
        LogBodies.certificate(body.at("/spec/signature/publicKey/content").asText()),
        leaf,
        "/spec/signature/publicKey/content");
  }
}
