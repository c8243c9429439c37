package dev.provenanceaction.verify;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks a Rekor v2 {@code dsse} 0.0.2 body (protobuf JSON of {@code DSSELogEntryV002}) against an
 * envelope: the payload's SHA-256 and a signature equal to the envelope's whose verifier is the
 * leaf's DER.
 */
final class RekorV2DsseBodyCheck {
  static final String KIND = "dsse";
  static final String VERSION = "0.0.2";

  private RekorV2DsseBodyCheck() {}

  static void check(LogEntry entry, DsseEnvelope envelope, X509Certificate leaf)
      throws VerificationException {
    JsonValue body = LogBodies.read(entry, KIND, VERSION);
    Base64.Encoder base64 = Base64.getEncoder();
    LogBodies.expectText(body, "/spec/dsseV002/payloadHash/algorithm", "SHA2_256");
    LogBodies.expectText(
        body,
        "/spec/dsseV002/payloadHash/digest",
        base64.encodeToString(Digests.sha256(envelope.payload())));
    String signature = base64.encodeToString(envelope.signature());
    List<String> found = new ArrayList<>();
    for (JsonValue candidate : body.at("/spec/dsseV002/signatures").elements()) {
      String content = candidate.get("content").asText();
      if (!content.equals(signature)) {
        found.add(content);
        continue;
      }
      LogBodies.expectVerifier(
          candidate.get("verifier"), leaf, "the verifier of signature " + signature);
      return;
    }
    throw LogBodies.failure("signature " + signature + ", found " + found);
  }
}
