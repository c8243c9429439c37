package dev.provenanceaction.verify;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The log's entry must record this envelope: without this check, a valid entry for any other
 * envelope would vouch for this one. Reads Rekor v1 {@code dsse} 0.0.1 bodies here, {@code intoto}
 * 0.0.2 ones with {@link IntotoBodyCheck}, Rekor v2's {@code dsse} 0.0.2 with {@link
 * RekorV2DsseBodyCheck}, and {@code hashedrekord} 0.0.1 and 0.0.2 over the PAE with {@link
 * HashedRekordBodyCheck}.
 */
final class LogBodyCheck {
  private static final String KIND = "dsse";
  private static final String VERSION = "0.0.1";

  private LogBodyCheck() {}

  static void check(LogEntry entry, DsseEnvelope envelope, X509Certificate leaf)
      throws VerificationException {
    if (entry.kind().equals(IntotoBodyCheck.KIND)) {
      IntotoBodyCheck.check(entry, envelope, leaf);
      return;
    }
    if (entry.kind().equals(HashedRekordBodyCheck.KIND)) {
      HashedRekordBodyCheck.check(entry, envelope.paeSha256(), envelope.signature(), leaf);
      return;
    }
    if (entry.kind().equals(KIND) && entry.version().equals(RekorV2DsseBodyCheck.VERSION)) {
      RekorV2DsseBodyCheck.check(entry, envelope, leaf);
      return;
    }
    if (!entry.kind().equals(KIND)) {
      throw LogBodies.failure(
          "kind dsse "
              + VERSION
              + ", dsse "
              + RekorV2DsseBodyCheck.VERSION
              + ", hashedrekord "
              + HashedRekordBodyCheck.VERSION
              + ", hashedrekord "
              + HashedRekordBodyCheck.VERSION_V2
              + " or intoto "
              + IntotoBodyCheck.VERSION
              + ", found "
              + entry.kind()
              + " "
              + entry.version());
    }
    JsonValue body = LogBodies.read(entry, KIND, VERSION);
    LogBodies.expectText(body, "/spec/payloadHash/algorithm", "sha256");
    LogBodies.expectText(
        body,
        "/spec/payloadHash/value",
        HexFormat.of().formatHex(Digests.sha256(envelope.payload())));
    checkSignature(body.at("/spec/signatures"), envelope.signature(), leaf);
  }

  private static void checkSignature(JsonValue signatures, byte[] signature, X509Certificate leaf)
      throws VerificationException {
    String expected = Base64.getEncoder().encodeToString(signature);
    List<String> found = new ArrayList<>();
    for (JsonValue candidate : signatures.elements()) {
      String text = candidate.get("signature").asText();
      if (!text.equals(expected)) {
        found.add(text);
        continue;
      }
      LogBodies.expectLeaf(
          LogBodies.certificate(candidate.get("verifier").asText()),
          leaf,
          "the verifier of signature " + expected);
      return;
    }
    throw LogBodies.failure("signature " + expected + ", found " + found);
  }
}
