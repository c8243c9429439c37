package dev.provenanceaction.testing;

import dev.provenanceaction.sigstore.CanonicalJson;
import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.DsseEntryBody;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The canonical entry bodies Rekor v1 and v2 make of a request, built here from the spec rather
 * than by the code under test, for the kinds the action does not write itself.
 */
final class RekorBodies {
  private RekorBodies() {}

  /**
   * The {@code intoto} 0.0.2 body Rekor v1 makes of an envelope and its certificate: the signature
   * and the PEM base64-encoded once more, hashes in hex.
   */
  static byte[] intoto(DsseEnvelope envelope, X509Certificate certificate) {
    Base64.Encoder base64 = Base64.getEncoder();
    HexFormat hex = HexFormat.of();
    String envelopeJson = DsseEntryBody.envelopeJson(envelope);
    Map<String, Object> content =
        Map.of(
            "envelope",
            Map.of(
                "payloadType",
                envelope.payloadType(),
                "signatures",
                List.of(
                    Map.of(
                        "sig",
                        base64.encodeToString(
                            base64
                                .encodeToString(envelope.signature())
                                .getBytes(StandardCharsets.US_ASCII)),
                        "publicKey",
                        base64.encodeToString(
                            DsseEntryBody.pem(certificate).getBytes(StandardCharsets.US_ASCII))))),
            "hash",
            Map.of(
                "algorithm",
                "sha256",
                "value",
                hex.formatHex(Sha256.of(envelopeJson.getBytes(StandardCharsets.UTF_8)))),
            "payloadHash",
            Map.of("algorithm", "sha256", "value", hex.formatHex(Sha256.of(envelope.payload()))));
    return canonical(
        Map.of("apiVersion", "0.0.2", "kind", "intoto", "spec", Map.of("content", content)));
  }

  /**
   * The {@code hashedrekord} 0.0.1 body Rekor v1 makes of a blob's digest and signature, naming
   * {@code certificate} as the signer.
   */
  static byte[] hashedRekord(byte[] digest, byte[] signature, X509Certificate certificate) {
    Base64.Encoder base64 = Base64.getEncoder();
    return canonical(
        Map.of(
            "apiVersion",
            "0.0.1",
            "kind",
            "hashedrekord",
            "spec",
            Map.of(
                "data",
                Map.of(
                    "hash",
                    Map.of("algorithm", "sha256", "value", HexFormat.of().formatHex(digest))),
                "signature",
                Map.of(
                    "content",
                    base64.encodeToString(signature),
                    "publicKey",
                    Map.of(
                        "content",
                        base64.encodeToString(
                            DsseEntryBody.pem(certificate)
                                .getBytes(StandardCharsets.US_ASCII)))))));
  }

  /** The Rekor v2 {@code dsse} 0.0.2 body of an envelope and its certificate. */
  static byte[] dsseV2(DsseEnvelope envelope, X509Certificate certificate) {
    Map<String, Object> dsse =
        Map.of(
            "payloadHash",
            Map.of(
                "algorithm",
                "SHA2_256",
                "digest",
                Base64.getEncoder().encodeToString(Sha256.of(envelope.payload()))),
            "signatures",
            List.of(v2Signature(envelope.signature(), certificate)));
    return canonical(
        Map.of("apiVersion", "0.0.2", "kind", "dsse", "spec", Map.of("dsseV002", dsse)));
  }

  /**
   * The Rekor v2 {@code hashedrekord} 0.0.2 body over {@code digest}, as rekor-tiles makes it of a
   * {@code hashedRekordRequestV002}: for a blob its SHA-256, for an envelope its PAE's.
   */
  static byte[] hashedRekordV2(byte[] digest, byte[] signature, X509Certificate certificate) {
    Map<String, Object> spec =
        Map.of(
            "data",
            Map.of("algorithm", "SHA2_256", "digest", Base64.getEncoder().encodeToString(digest)),
            "signature",
            v2Signature(signature, certificate));
    return canonical(
        Map.of(
            "apiVersion",
            "0.0.2",
            "kind",
            "hashedrekord",
            "spec",
            Map.of("hashedRekordV002", spec)));
  }

  private static Map<String, Object> v2Signature(byte[] signature, X509Certificate certificate) {
    try {
      return Map.of(
          "content",
          Base64.getEncoder().encodeToString(signature),
          "verifier",
          Map.of(
              "keyDetails",
              Ecdsa.P256_KEY_DETAILS,
              "x509Certificate",
              Map.of("rawBytes", Base64.getEncoder().encodeToString(certificate.getEncoded()))));
    } catch (CertificateEncodingException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] canonical(Map<String, ?> body) {
    return CanonicalJson.write(body).getBytes(StandardCharsets.UTF_8);
  }
}
