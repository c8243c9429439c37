package dev.provenanceaction.sigstore.rekor;

import dev.provenanceaction.sigstore.CanonicalJson;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The body Rekor v1 stores for a {@code dsse} 0.0.1 entry: hashes of the envelope and payload, and
 * the signature with its certificate. The log hashes and signs its canonical JSON.
 *
 * @param envelopeSha256 hex SHA-256 of the envelope JSON exactly as submitted to the log
 * @param payloadSha256 hex SHA-256 of the decoded payload
 * @param signature base64 of the DER signature
 * @param verifier base64 of the signing certificate's PEM
 */
public record DsseEntryBody(
    String envelopeSha256, String payloadSha256, String signature, String verifier) {
  public static final String KIND = "dsse";
  public static final String API_VERSION = "0.0.1";

  /** The body for an envelope submitted as {@code submitted}, hashed part by part. */
  static DsseEntryBody of(
      EnvelopeJson submitted, DsseEnvelope envelope, X509Certificate certificate) {
    return of(submitted.sha256(), envelope, certificate);
  }

  /**
   * The body for an envelope submitted in some other serialisation: Rekor hashes the submitted
   * string, not a re-encoding of it.
   */
  public static DsseEntryBody of(
      String submittedEnvelopeJson, DsseEnvelope envelope, X509Certificate certificate) {
    return of(
        sha256(submittedEnvelopeJson.getBytes(StandardCharsets.UTF_8)), envelope, certificate);
  }

  private static DsseEntryBody of(
      byte[] envelopeSha256, DsseEnvelope envelope, X509Certificate certificate) {
    HexFormat hex = HexFormat.of();
    return new DsseEntryBody(
        hex.formatHex(envelopeSha256),
        hex.formatHex(sha256(envelope.payload())),
        Base64.getEncoder().encodeToString(envelope.signature()),
        Base64.getEncoder().encodeToString(pem(certificate).getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * The envelope as this project submits it to Rekor: {@code
   * {"payload":..,"payloadType":..,"signatures":[{"sig":..}]}}, compact, keys in that order (no
   * {@code keyid}). Its SHA-256 is the entry's {@code envelopeHash}.
   */
  public static String envelopeJson(DsseEnvelope envelope) {
    return EnvelopeJson.of(envelope).text();
  }

  /**
   * {@link #envelopeJson} in three parts: the payload's base64, which is almost all of it and needs
   * no escaping in JSON, between a head and a tail. Rekor v1's request holds the envelope as a JSON
   * string: written from the parts, only the head and the tail are escaped, and the base64 is the
   * envelope's, made once for the request, the entry's hash and the bundle (escaping the whole
   * string character by character took 6.6 ms of a 1,000-subject run, BENCHMARKS.md session 11).
   */
  static final class EnvelopeJson {
    private final String head;
    private final byte[] payloadBase64;
    private final String tail;

    private EnvelopeJson(String head, byte[] payloadBase64, String tail) {
      this.head = head;
      this.payloadBase64 = payloadBase64;
      this.tail = tail;
    }

    static EnvelopeJson of(DsseEnvelope envelope) {
      Base64.Encoder base64 = Base64.getEncoder();
      return new EnvelopeJson(
          "{\"payload\":\"",
          envelope.payloadBase64(),
          "\",\"payloadType\":"
              + CanonicalJson.write(envelope.payloadType())
              + ",\"signatures\":[{\"sig\":\""
              + base64.encodeToString(envelope.signature())
              + "\"}]}");
    }

    String head() {
      return head;
    }

    /** The payload's base64, ASCII; not a copy. */
    byte[] payloadBase64() {
      return payloadBase64;
    }

    String tail() {
      return tail;
    }

    String text() {
      return head + new String(payloadBase64, StandardCharsets.ISO_8859_1) + tail;
    }

    byte[] sha256() {
      MessageDigest digest = sha256Digest();
      digest.update(head.getBytes(StandardCharsets.UTF_8));
      digest.update(payloadBase64);
      digest.update(tail.getBytes(StandardCharsets.UTF_8));
      return digest.digest();
    }
  }

  /** PEM as Rekor and Fulcio write it: 64-character lines, LF, trailing newline. */
  public static String pem(X509Certificate certificate) {
    try {
      String body =
          Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /** The canonical JSON the log hashes as a leaf (its {@code canonicalizedBody}). */
  public byte[] canonicalJson() {
    Map<String, Object> spec =
        Map.of(
            "envelopeHash", Map.of("algorithm", "sha256", "value", envelopeSha256),
            "payloadHash", Map.of("algorithm", "sha256", "value", payloadSha256),
            "signatures", List.of(Map.of("signature", signature, "verifier", verifier)));
    return CanonicalJson.write(Map.of("apiVersion", API_VERSION, "kind", KIND, "spec", spec))
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] sha256(byte[] data) {
    return sha256Digest().digest(data);
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
