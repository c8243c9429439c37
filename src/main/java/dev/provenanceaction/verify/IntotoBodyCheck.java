package dev.provenanceaction.verify;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checks a Rekor v1 {@code intoto} 0.0.2 body against an envelope, as sigstore-go and sigstore-js
 * do: the payload hash and the one signature must be the envelope's. The body's envelope hash is
 * not compared: it hashes the envelope as submitted, which the bundle does not keep byte for byte.
 *
 * <p>Rekor stores the envelope's signature and the public key as base64 of their base64 or PEM
 * text, so the signature is encoded twice in the body.
 */
final class IntotoBodyCheck {
  static final String KIND = "intoto";
  static final String VERSION = "0.0.2";

  private IntotoBodyCheck() {}

  static void check(LogEntry entry, DsseEnvelope envelope, X509Certificate leaf)
      throws VerificationException {
    JsonValue body = LogBodies.read(entry, KIND, VERSION);
    LogBodies.expectText(body, "/spec/content/payloadHash/algorithm", "sha256");
    LogBodies.expectText(
        body,
        "/spec/content/payloadHash/value",
        HexFormat.of().formatHex(Digests.sha256(envelope.payload())));
    JsonValue signatures = body.at("/spec/content/envelope/signatures");
    if (!signatures.isArray() || signatures.size() != 1) {
      throw LogBodies.failure(
          "one signature in /spec/content/envelope/signatures, found " + signatures.size());
    }
    Base64.Encoder base64 = Base64.getEncoder();
    String expected =
        base64.encodeToString(
            base64.encodeToString(envelope.signature()).getBytes(StandardCharsets.US_ASCII));
    LogBodies.expectText(body, "/spec/content/envelope/signatures/0/sig", expected);
    LogBodies.expectLeaf(
        LogBodies.certificate(signatures.get(0).get("publicKey").asText()),
        leaf,
        "/spec/content/envelope/signatures/0/publicKey");
  }
}
