package dev.provenanceaction.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The log's entry must record this envelope: without this check, a valid entry for any other
 * envelope would vouch for this one. Only Rekor v1 {@code dsse} 0.0.1 bodies are understood.
 */
final class LogBodyCheck {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String KIND = "dsse";
  private static final String VERSION = "0.0.1";

  private LogBodyCheck() {}

  static void check(LogEntry entry, DsseEnvelope envelope, X509Certificate leaf)
      throws VerificationException {
    if (!entry.kind().equals(KIND) || !entry.version().equals(VERSION)) {
      throw failure("kind dsse 0.0.1, found " + entry.kind() + " " + entry.version());
    }
    JsonNode body;
    try {
      body = MAPPER.readTree(entry.canonicalizedBody());
    } catch (IOException e) {
      throw new VerificationException(
          Check.LOG_BODY, "expected a JSON body, found: " + e.getMessage(), e);
    }
    expectText(body, "/kind", KIND);
    expectText(body, "/apiVersion", VERSION);
    expectText(body, "/spec/payloadHash/algorithm", "sha256");
    expectText(
        body,
        "/spec/payloadHash/value",
        HexFormat.of().formatHex(Digests.sha256(envelope.payload())));
    checkSignature(body.at("/spec/signatures"), envelope.signature(), leaf);
  }

  private static void checkSignature(JsonNode signatures, byte[] signature, X509Certificate leaf)
      throws VerificationException {
    String expected = Base64.getEncoder().encodeToString(signature);
    List<String> found = new ArrayList<>();
    for (JsonNode candidate : signatures) {
      String text = candidate.path("signature").asText();
      if (!text.equals(expected)) {
        found.add(text);
        continue;
      }
      X509Certificate verifier = readVerifier(candidate.path("verifier").asText());
      if (!Arrays.equals(encoded(verifier), encoded(leaf))) {
        throw failure(
            "the verifier of signature "
                + expected
                + " to be the leaf "
                + leaf.getSerialNumber().toString(16)
                + ", found certificate "
                + verifier.getSerialNumber().toString(16));
      }
      return;
    }
    throw failure("signature " + expected + ", found " + found);
  }

  private static X509Certificate readVerifier(String base64Pem) throws VerificationException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Pem)));
    } catch (CertificateException | IllegalArgumentException e) {
      throw new VerificationException(
          Check.LOG_BODY,
          "expected the verifier to be a base64 PEM certificate, found: " + e.getMessage(),
          e);
    }
  }

  private static byte[] encoded(X509Certificate certificate) throws VerificationException {
    try {
      return certificate.getEncoded();
    } catch (CertificateException e) {
      throw new VerificationException(Check.LOG_BODY, "unencodable certificate", e);
    }
  }

  private static void expectText(JsonNode body, String pointer, String expected)
      throws VerificationException {
    JsonNode value = body.at(pointer);
    if (!value.isTextual() || !value.textValue().equals(expected)) {
      throw failure(pointer + " " + expected + ", found " + value);
    }
  }

  private static VerificationException failure(String expectedAndFound) {
    return new VerificationException(Check.LOG_BODY, "expected " + expectedAndFound);
  }
}
