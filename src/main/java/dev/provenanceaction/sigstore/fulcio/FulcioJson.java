package dev.provenanceaction.sigstore.fulcio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.provenanceaction.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The JSON of Fulcio's {@code CA_CreateSigningCertificate} ({@code fulcio.swagger.json}): the
 * request {@code {credentials:{oidcIdentityToken}, publicKeyRequest:{publicKey:{algorithm,
 * content}, proofOfPossession}}}, with the key as PEM and the proof as base64, and the answer
 * {@code {signedCertificateEmbeddedSct:{chain:{certificates:[PEM...]}}}}.
 */
final class FulcioJson {
  private static final JsonFactory JSON = new JsonFactory();

  private FulcioJson() {}

  static String signingCertRequest(String rawToken, PublicKey key, byte[] proofOfPossession) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("credentials");
      json.writeStringField("oidcIdentityToken", rawToken);
      json.writeEndObject();
      json.writeObjectFieldStart("publicKeyRequest");
      json.writeObjectFieldStart("publicKey");
      json.writeStringField("algorithm", algorithmOf(key));
      json.writeStringField("content", pem(key));
      json.writeEndObject();
      json.writeStringField(
          "proofOfPossession", Base64.getEncoder().encodeToString(proofOfPossession));
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toString();
  }

  /**
   * The chain, leaf first, of an answer with an embedded SCT.
   *
   * @throws IllegalArgumentException saying what the answer lacks or holds instead
   */
  static List<X509Certificate> certificateChain(String answerJson) {
    JsonValue answer;
    try {
      answer = JsonValue.parse(answerJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("the answer is not JSON");
    }
    JsonValue embedded = answer.get("signedCertificateEmbeddedSct");
    if (!embedded.isObject()) {
      throw new IllegalArgumentException(
          answer.get("signedCertificateDetachedSct").isObject()
              ? "the certificate came with a detached SCT; a Sigstore bundle needs the SCT embedded"
                  + " in the certificate"
              : "the answer holds no certificate");
    }
    JsonValue certificates = embedded.at("/chain/certificates");
    List<JsonValue> pems = certificates.isArray() ? certificates.elements() : List.of();
    if (pems.isEmpty()) {
      throw new IllegalArgumentException("the answer holds an empty certificate chain");
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> chain = new ArrayList<>();
      for (JsonValue pem : pems) {
        if (!pem.isTextual()) {
          throw new IllegalArgumentException("the answer's certificate chain holds a non-string");
        }
        chain.add(
            (X509Certificate)
                factory.generateCertificate(
                    new ByteArrayInputStream(pem.asText().getBytes(StandardCharsets.US_ASCII))));
      }
      return chain;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("the answer holds a certificate that does not parse");
    }
  }

  /** The {@code message} of Fulcio's error answer {@code {"code":N,"message":"..."}}, or null. */
  static String errorMessage(String answerJson) {
    try {
      JsonValue message = JsonValue.parse(answerJson).get("message");
      return message.isTextual() && !message.asText().isBlank() ? message.asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String algorithmOf(PublicKey key) {
    switch (key.getAlgorithm()) {
      case "EC":
        return "ECDSA";
      case "RSA":
        return "RSA_PSS";
      case "Ed25519":
      case "EdDSA":
        return "ED25519";
      default:
        throw new IllegalArgumentException("Fulcio takes no " + key.getAlgorithm() + " keys");
    }
  }

  private static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
