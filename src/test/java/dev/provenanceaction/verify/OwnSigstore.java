package dev.provenanceaction.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.sigstore.CanonicalJson;
import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.EphemeralSigstore;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.bundle.MessageSignature;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.rekor.DsseEntryBody;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.MovableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Real bundles from an {@link EphemeralSigstore} whose clock the test moves: GitHub Actions
 * identities, SLSA v1 statements that agree with them, and a log that may take an entry later than
 * the certificate was issued.
 */
final class OwnSigstore {
  static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
  static final String REPOSITORY = "octo-org/wheels";
  static final String SOURCE_URI = "github.com/" + REPOSITORY;
  static final String REF = "refs/tags/v1.0.0";
  static final String WORKFLOW_REF = REPOSITORY + "/.github/workflows/release.yml@" + REF;
  static final String SAN = "https://github.com/" + WORKFLOW_REF;
  static final String SLSA_V1_STATEMENT = "https://in-toto.io/Statement/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MovableClock clock = new MovableClock(START);
  private final EphemeralSigstore sigstore = EphemeralSigstore.create(clock);
  private final TestRekorV2Log rekorV2 =
      TestRekorV2Log.ed25519("log2025-test.rekor.invalid", START);

  /** The certificate and the key it certifies, before anything is signed with it. */
  record Signer(X509Certificate leaf, KeyPair key) {}

  TrustedRoot trustedRoot() {
    return sigstore.trustedRoot();
  }

  EphemeralSigstore sigstore() {
    return sigstore;
  }

  /** The Rekor v2 log that {@link #logRekorV2} appends to; not in {@link #trustedRoot()}. */
  TestRekorV2Log rekorV2() {
    return rekorV2;
  }

  /** Issues a certificate and logs the signed statement at once, as Sigstore clients do. */
  SigstoreBundle sign(byte[] statement) {
    return sign(statement, Duration.ZERO);
  }

  /**
   * Issues a certificate now and has the log take the signed statement {@code logDelay} later, with
   * a SET and proof the log really signs.
   */
  SigstoreBundle sign(byte[] statement, Duration logDelay) {
    Signer signer = newSigner();
    clock.advance(logDelay);
    DsseEnvelope envelope = envelope(signer, statement);
    try {
      LogEntry entry = sigstore.transparencyLog().append(envelope, signer.leaf());
      return new SigstoreBundle(signer.leaf(), entry, envelope);
    } catch (SigstoreException e) {
      throw new AssertionError(e);
    }
  }

  /** An in-toto envelope signed by the signer's key; ECDSA makes a new signature each time. */
  static DsseEnvelope envelope(Signer signer, byte[] statement) {
    return new DsseEnvelope(
        statement,
        DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
        Ecdsa.sign(
            signer.key().getPrivate(),
            DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement)));
  }

  /** Signs a statement and has the log take it as an {@code intoto} 0.0.2 entry. */
  SigstoreBundle signLoggedAsIntoto(byte[] statement) {
    Signer signer = newSigner();
    DsseEnvelope envelope = envelope(signer, statement);
    return new SigstoreBundle(signer.leaf(), logIntoto(envelope, signer.leaf()), envelope);
  }

  /**
   * Logs the {@code intoto} 0.0.2 body Rekor v1 makes of an envelope and its certificate: the
   * signature and the PEM base64-encoded once more, hashes in hex.
   */
  LogEntry logIntoto(DsseEnvelope envelope, X509Certificate certificate) {
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
                hex.formatHex(Digests.sha256(envelopeJson.getBytes(StandardCharsets.UTF_8)))),
            "payloadHash",
            Map.of(
                "algorithm", "sha256", "value", hex.formatHex(Digests.sha256(envelope.payload()))));
    byte[] body =
        CanonicalJson.write(
                Map.of("apiVersion", "0.0.2", "kind", "intoto", "spec", Map.of("content", content)))
            .getBytes(StandardCharsets.UTF_8);
    return sigstore.transparencyLog().appendBody("intoto", "0.0.2", body);
  }

  /**
   * Logs the Rekor v2 {@code dsse} 0.0.2 body of an envelope and its certificate, and returns the
   * entry as Rekor v2 gives it: inclusion proof and checkpoint, no SET, no integrated time.
   */
  LogEntry logRekorV2(DsseEnvelope envelope, X509Certificate certificate) {
    Map<String, Object> dsse =
        Map.of(
            "payloadHash",
            Map.of(
                "algorithm",
                "SHA2_256",
                "digest",
                Base64.getEncoder().encodeToString(Digests.sha256(envelope.payload()))),
            "signatures",
            List.of(rekorV2Signature(envelope.signature(), certificate)));
    return rekorV2.append(
        "dsse",
        "0.0.2",
        CanonicalJson.write(
                Map.of("apiVersion", "0.0.2", "kind", "dsse", "spec", Map.of("dsseV002", dsse)))
            .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Logs a Rekor v2 {@code hashedrekord} 0.0.2 body over {@code digest}, as rekor-tiles makes it of
   * a {@code hashedRekordRequestV002}: for a blob its SHA-256, for an envelope its PAE's.
   */
  LogEntry logRekorV2HashedRekord(byte[] digest, byte[] signature, X509Certificate certificate) {
    Map<String, Object> spec =
        Map.of(
            "data",
            Map.of("algorithm", "SHA2_256", "digest", Base64.getEncoder().encodeToString(digest)),
            "signature",
            rekorV2Signature(signature, certificate));
    return rekorV2.append(
        "hashedrekord",
        "0.0.2",
        CanonicalJson.write(
                Map.of(
                    "apiVersion",
                    "0.0.2",
                    "kind",
                    "hashedrekord",
                    "spec",
                    Map.of("hashedRekordV002", spec)))
            .getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> rekorV2Signature(
      byte[] signature, X509Certificate certificate) {
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
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new AssertionError(e);
    }
  }

  /** Signs a blob as {@code cosign sign-blob --bundle} does, logged as {@code hashedrekord}. */
  MessageSignatureBundle signBlob(byte[] blob) {
    Signer signer = newSigner();
    return signBlob(signer, blob, signer.leaf());
  }

  /**
   * Signs a blob and logs a {@code hashedrekord} 0.0.1 body that names {@code loggedCertificate} as
   * the signer, as Rekor would for that request.
   */
  MessageSignatureBundle signBlob(Signer signer, byte[] blob, X509Certificate loggedCertificate) {
    byte[] digest = Digests.sha256(blob);
    byte[] signature = Ecdsa.sign(signer.key().getPrivate(), blob);
    Base64.Encoder base64 = Base64.getEncoder();
    byte[] body =
        CanonicalJson.write(
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
                            Map.of(
                                "algorithm", "sha256", "value", HexFormat.of().formatHex(digest))),
                        "signature",
                        Map.of(
                            "content",
                            base64.encodeToString(signature),
                            "publicKey",
                            Map.of(
                                "content",
                                base64.encodeToString(
                                    DsseEntryBody.pem(loggedCertificate)
                                        .getBytes(StandardCharsets.US_ASCII)))))))
            .getBytes(StandardCharsets.UTF_8);
    LogEntry entry = sigstore.transparencyLog().appendBody("hashedrekord", "0.0.1", body);
    return new MessageSignatureBundle(
        signer.leaf(), entry, new MessageSignature(MessageSignature.SHA2_256, digest, signature));
  }

  /**
   * A blob bundle as cosign writes it: v0.3 JSON with a {@code messageSignature} where a statement
   * bundle has its {@code dsseEnvelope}.
   */
  static String toJson(MessageSignatureBundle bundle) {
    try {
      ObjectNode json =
          (ObjectNode)
              JSON.readTree(
                  new SigstoreBundle(
                          bundle.certificate(),
                          bundle.logEntry(),
                          new DsseEnvelope(new byte[0], "", new byte[0]))
                      .toJsonLine());
      json.remove("dsseEnvelope");
      Base64.Encoder base64 = Base64.getEncoder();
      ObjectNode signature = json.putObject("messageSignature");
      signature
          .putObject("messageDigest")
          .put("algorithm", bundle.messageSignature().digestAlgorithm())
          .put("digest", base64.encodeToString(bundle.messageSignature().digest()));
      signature.put("signature", base64.encodeToString(bundle.messageSignature().signature()));
      return json.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh key and a GitHub Actions certificate for it, issued at the clock's time. */
  Signer newSigner() {
    OidcToken token =
        EphemeralSigstore.tokenFrom(
            Map.of(
                "iss",
                IdentityPolicy.GITHUB_ACTIONS_ISSUER,
                "sub",
                "repo:" + REPOSITORY + ":ref:" + REF,
                "repository",
                REPOSITORY,
                "ref",
                REF,
                "sha",
                "a".repeat(40),
                "job_workflow_ref",
                WORKFLOW_REF,
                "workflow_ref",
                WORKFLOW_REF,
                "event_name",
                "push"));
    KeyPair key = Ecdsa.generateP256();
    try {
      List<X509Certificate> chain =
          sigstore
              .certificateAuthority()
              .issue(
                  token,
                  key.getPublic(),
                  Ecdsa.sign(
                      key.getPrivate(), token.claim("sub").getBytes(StandardCharsets.UTF_8)));
      return new Signer(chain.get(0), key);
    } catch (SigstoreException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * SLSA v1 provenance for one subject that names this instance's identity as builder and source.
   *
   * @param statementType the {@code _type}, or null to leave it out
   */
  static byte[] provenance(String statementType, String subjectSha256) {
    String type = statementType == null ? "" : "\"_type\":\"" + statementType + "\",";
    String statement =
        "{"
            + type
            + "\"subject\":[{\"name\":\"wheels-1.0.0.whl\",\"digest\":{\"sha256\":\""
            + subjectSha256
            + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{"
            + "\"buildDefinition\":{\"buildType\":\"https://example.invalid/build\","
            + "\"externalParameters\":{\"workflow\":{\"ref\":\""
            + REF
            + "\",\"repository\":\"https://github.com/"
            + REPOSITORY
            + "\",\"path\":\".github/workflows/release.yml\"}}},"
            + "\"runDetails\":{\"builder\":{\"id\":\""
            + SAN
            + "\"}}}}";
    return statement.getBytes(StandardCharsets.UTF_8);
  }
}
