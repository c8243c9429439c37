package dev.provenanceaction.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.EphemeralSigstore;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.bundle.MessageSignature;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Real bundles from an {@link EphemeralSigstore} whose clock the test moves: GitHub Actions
 * identities, SLSA v1 statements that agree with them, and a log that may take an entry later than
 * the certificate was issued.
 */
public final class OwnSigstore {
  public static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
  public static final String REPOSITORY = "octo-org/wheels";
  public static final String SOURCE_URI = "github.com/" + REPOSITORY;
  public static final String REF = "refs/tags/v1.0.0";
  public static final String WORKFLOW_REF = REPOSITORY + "/.github/workflows/release.yml@" + REF;
  public static final String SAN = "https://github.com/" + WORKFLOW_REF;
  public static final String SLSA_V1_STATEMENT = "https://in-toto.io/Statement/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MovableClock clock = new MovableClock(START);
  private final EphemeralSigstore sigstore = EphemeralSigstore.create(clock);
  private final TestRekorV2Log rekorV2 =
      TestRekorV2Log.ed25519("log2025-test.rekor.invalid", START);

  /** The certificate and the key it certifies, before anything is signed with it. */
  public record Signer(X509Certificate leaf, KeyPair key) {}

  public TrustedRoot trustedRoot() {
    return sigstore.trustedRoot();
  }

  public EphemeralSigstore sigstore() {
    return sigstore;
  }

  /** The Rekor v2 log that {@link #logRekorV2} appends to; not in {@link #trustedRoot()}. */
  public TestRekorV2Log rekorV2() {
    return rekorV2;
  }

  /** Issues a certificate and logs the signed statement at once, as Sigstore clients do. */
  public SigstoreBundle sign(byte[] statement) {
    return sign(statement, Duration.ZERO);
  }

  /**
   * Issues a certificate now and has the log take the signed statement {@code logDelay} later, with
   * a SET and proof the log really signs.
   */
  public SigstoreBundle sign(byte[] statement, Duration logDelay) {
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
  public static DsseEnvelope envelope(Signer signer, byte[] statement) {
    return new DsseEnvelope(
        statement,
        DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
        Ecdsa.sign(
            signer.key().getPrivate(),
            DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, statement)));
  }

  /** Signs a statement and has the log take it as an {@code intoto} 0.0.2 entry. */
  public SigstoreBundle signLoggedAsIntoto(byte[] statement) {
    Signer signer = newSigner();
    DsseEnvelope envelope = envelope(signer, statement);
    return new SigstoreBundle(signer.leaf(), logIntoto(envelope, signer.leaf()), envelope);
  }

  /**
   * Logs the {@code intoto} 0.0.2 body Rekor v1 makes of an envelope and its certificate: the
   * signature and the PEM base64-encoded once more, hashes in hex.
   */
  public LogEntry logIntoto(DsseEnvelope envelope, X509Certificate certificate) {
    return sigstore
        .transparencyLog()
        .appendBody("intoto", "0.0.2", RekorBodies.intoto(envelope, certificate));
  }

  /**
   * Logs the Rekor v2 {@code dsse} 0.0.2 body of an envelope and its certificate, and returns the
   * entry as Rekor v2 gives it: inclusion proof and checkpoint, no SET, no integrated time.
   */
  public LogEntry logRekorV2(DsseEnvelope envelope, X509Certificate certificate) {
    return rekorV2.append("dsse", "0.0.2", RekorBodies.dsseV2(envelope, certificate));
  }

  /**
   * Logs a Rekor v2 {@code hashedrekord} 0.0.2 body over {@code digest}, as rekor-tiles makes it of
   * a {@code hashedRekordRequestV002}: for a blob its SHA-256, for an envelope its PAE's.
   */
  public LogEntry logRekorV2HashedRekord(
      byte[] digest, byte[] signature, X509Certificate certificate) {
    return rekorV2.append(
        "hashedrekord", "0.0.2", RekorBodies.hashedRekordV2(digest, signature, certificate));
  }

  /** Signs a blob as {@code cosign sign-blob --bundle} does, logged as {@code hashedrekord}. */
  public MessageSignatureBundle signBlob(byte[] blob) {
    Signer signer = newSigner();
    return signBlob(signer, blob, signer.leaf());
  }

  /**
   * Signs a blob and logs a {@code hashedrekord} 0.0.1 body that names {@code loggedCertificate} as
   * the signer, as Rekor would for that request.
   */
  public MessageSignatureBundle signBlob(
      Signer signer, byte[] blob, X509Certificate loggedCertificate) {
    byte[] digest = Sha256.of(blob);
    byte[] signature = Ecdsa.sign(signer.key().getPrivate(), blob);
    LogEntry entry =
        sigstore
            .transparencyLog()
            .appendBody(
                "hashedrekord",
                "0.0.1",
                RekorBodies.hashedRekord(digest, signature, loggedCertificate));
    return new MessageSignatureBundle(
        signer.leaf(), entry, new MessageSignature(MessageSignature.SHA2_256, digest, signature));
  }

  /**
   * A blob bundle as cosign writes it: v0.3 JSON with a {@code messageSignature} where a statement
   * bundle has its {@code dsseEnvelope}.
   */
  public static String toJson(MessageSignatureBundle bundle) {
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
  public Signer newSigner() {
    OidcToken token =
        EphemeralSigstore.tokenFrom(
            Map.of(
                "iss",
                GithubTokenClaims.ISSUER,
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
    TestSigner key = TestSigner.generate();
    try {
      return new Signer(key.chain(sigstore.certificateAuthority(), token).get(0), key.keys());
    } catch (SigstoreException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * SLSA v1 provenance for one subject that names this instance's identity as builder and source.
   *
   * @param statementType the {@code _type}, or null to leave it out
   */
  public static byte[] provenance(String statementType, String subjectSha256) {
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
