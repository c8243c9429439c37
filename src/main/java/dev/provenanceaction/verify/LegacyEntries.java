package dev.provenanceaction.verify;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The entries of a provenance file's legacy envelopes, as slsa-github-generator v1.x wrote them: a
 * bare DSSE envelope whose signatures carry their certificate as PEM, and no log entry.
 */
final class LegacyEntries {
  private static final String FORMAT =
      "a bare DSSE envelope with signatures[].cert and no verification material (the format of"
          + " slsa-github-generator v1.x)";
  private static final String OFFLINE_REFUSAL =
      FORMAT
          + "; verifying it needs its entry looked up in Rekor online, which --offline forbids:"
          + " drop --offline";
  private static final String BUNDLES_ONLY_REFUSAL =
      FORMAT
          + "; verify-bundle takes Sigstore bundles only: verify it with verify-artifact, which"
          + " looks its entry up in Rekor";

  private LegacyEntries() {}

  /**
   * Why a legacy envelope is refused, or empty when it is read: when the policy accepts legacy
   * envelopes ({@link VerificationPolicy#withLegacyEnvelopes()}) and their log entries can be
   * looked up (online). The one place this is decided, for the file's reading and its verification.
   */
  static Optional<String> refusal(VerificationPolicy policy, boolean canLookUp) {
    if (!policy.legacyEnvelopes()) {
      return Optional.of(BUNDLES_ONLY_REFUSAL);
    }
    return canLookUp ? Optional.empty() : Optional.of(OFFLINE_REFUSAL);
  }

  /**
   * One entry for each signature with a {@code cert} of the envelope starting on {@code line}.
   *
   * @throws PolicyException with {@link PolicyCheck#PROVENANCE_FORMAT} naming the bad field
   */
  static List<ProvenanceFile.Entry> of(int line, JsonValue document) throws PolicyException {
    String expected = FORMAT + " on line " + line;
    JsonValue payload = document.get("payload");
    JsonValue payloadType = document.get("payloadType");
    if (!payload.isTextual() || !payloadType.isTextual()) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT, expected, "no base64 payload and payloadType strings");
    }
    byte[] payloadBytes = base64(payload.asText(), expected, "payload");
    List<ProvenanceFile.Entry> entries = new ArrayList<>();
    int index = 0;
    JsonValue signatures = document.get("signatures");
    for (JsonValue signature :
        signatures.isArray() ? signatures.elements() : List.<JsonValue>of()) {
      String where = "signatures[" + index++ + "]";
      JsonValue cert = signature.get("cert");
      if (cert.isMissing() || cert.isNull() || cert.asText().isEmpty()) {
        continue;
      }
      JsonValue sig = signature.get("sig");
      if (!sig.isTextual() || !cert.isTextual()) {
        throw new PolicyException(
            PolicyCheck.PROVENANCE_FORMAT, expected, where + " without sig and cert strings");
      }
      X509Certificate certificate;
      try {
        certificate =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                        new ByteArrayInputStream(cert.asText().getBytes(StandardCharsets.UTF_8)));
      } catch (CertificateException | RuntimeException e) {
        throw new PolicyException(
            PolicyCheck.PROVENANCE_FORMAT,
            expected,
            where + ".cert that is not a PEM certificate: " + e.getMessage());
      }
      DsseEnvelope envelope =
          new DsseEnvelope(
              payloadBytes, payloadType.asText(), base64(sig.asText(), expected, where + ".sig"));
      entries.add(new ProvenanceFile.Entry.LegacySignature(line, envelope, certificate));
    }
    if (entries.isEmpty()) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT, expected, "no signature with a cert");
    }
    return entries;
  }

  private static byte[] base64(String text, String expected, String field) throws PolicyException {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT, expected, field + " that is not base64");
    }
  }
}
