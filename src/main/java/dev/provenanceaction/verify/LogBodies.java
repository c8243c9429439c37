package dev.provenanceaction.verify;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;

/** What every log body check needs: the body as JSON, and its fields held against expectations. */
final class LogBodies {
  private LogBodies() {}

  /** The body, after checking that the entry and the body agree on its kind and version. */
  static JsonValue read(LogEntry entry, String kind, String version) throws VerificationException {
    if (!entry.kind().equals(kind) || !entry.version().equals(version)) {
      throw failure(
          "kind " + kind + " " + version + ", found " + entry.kind() + " " + entry.version());
    }
    JsonValue body;
    try {
      body = JsonValue.parse(entry.canonicalizedBody());
    } catch (IOException e) {
      throw new VerificationException(
          Check.LOG_BODY, "expected a JSON body, found: " + e.getMessage(), e);
    }
    expectText(body, "/kind", kind);
    expectText(body, "/apiVersion", version);
    return body;
  }

  static void expectText(JsonValue body, String pointer, String expected)
      throws VerificationException {
    JsonValue value = body.at(pointer);
    if (!value.isTextual() || !value.textValue().equals(expected)) {
      throw failure(pointer + " " + expected + ", found " + value);
    }
  }

  /**
   * The certificate a body names must be the bundle's leaf: the log vouches for a signature by that
   * certificate's key only.
   *
   * @param what where the body names it, for the message
   */
  static void expectLeaf(X509Certificate named, X509Certificate leaf, String what)
      throws VerificationException {
    if (!Arrays.equals(encoded(named), encoded(leaf))) {
      throw failure(
          what
              + " to be the leaf "
              + leaf.getSerialNumber().toString(16)
              + ", found certificate "
              + named.getSerialNumber().toString(16));
    }
  }

  /**
   * A Rekor v2 body's {@code verifier} (protobuf JSON of {@code Verifier}) must hold the leaf's
   * DER: a public key, or another certificate, would vouch for someone else's signature.
   *
   * @param pointer where the body holds it, for the message
   */
  static void expectVerifier(JsonValue verifier, X509Certificate leaf, String pointer)
      throws VerificationException {
    JsonValue certificate = verifier.at("/x509Certificate/rawBytes");
    if (!certificate.isTextual()) {
      throw failure(
          pointer
              + " to be the leaf certificate, found "
              + (verifier.hasNonNull("publicKey") ? "a public key" : verifier.toString()));
    }
    if (!certificate.textValue().equals(Base64.getEncoder().encodeToString(encoded(leaf)))) {
      throw failure(
          pointer
              + " to be the leaf "
              + leaf.getSerialNumber().toString(16)
              + ", found another certificate");
    }
  }

  /** A certificate given as base64 of its PEM (or DER), as Rekor v1 bodies hold it. */
  static X509Certificate certificate(String base64) throws VerificationException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    } catch (CertificateException | IllegalArgumentException e) {
      throw new VerificationException(
          Check.LOG_BODY, "expected a base64 PEM certificate, found: " + e.getMessage(), e);
    }
  }

  private static byte[] encoded(X509Certificate certificate) throws VerificationException {
    try {
      return certificate.getEncoded();
    } catch (CertificateException e) {
      throw new VerificationException(Check.LOG_BODY, "unencodable certificate", e);
    }
  }

  static VerificationException failure(String expectedAndFound) {
    return new VerificationException(Check.LOG_BODY, "expected " + expectedAndFound);
  }
}
