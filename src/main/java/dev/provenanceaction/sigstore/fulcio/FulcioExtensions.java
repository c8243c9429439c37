package dev.provenanceaction.sigstore.fulcio;

import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.x509.CertificateBuilder;
import dev.provenanceaction.sigstore.x509.Der;
import dev.provenanceaction.sigstore.x509.Extensions;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The identity part of a Fulcio leaf: the subject alternative name and the {@code
 * 1.3.6.1.4.1.57264.1.*} extensions, derived from token claims the way Fulcio's GitHub Actions
 * principal derives them (checked against a real leaf from actions/attest-build-provenance).
 */
final class FulcioExtensions {
  static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
  static final String GITHUB_SERVER = "https://github.com";
  private static final String OID_PREFIX = "1.3.6.1.4.1.57264.1.";

  private FulcioExtensions() {}

  /**
   * Adds the SAN (critical, as the subject is empty) and the identity extensions, in Fulcio's
   * order. A token with {@code job_workflow_ref} gets the GitHub Actions layout; one with only an
   * {@code email} gets an email SAN.
   */
  static void add(CertificateBuilder leaf, Map<String, String> claims) throws SigstoreException {
    String issuer = required(claims, "iss");
    if (claims.containsKey("job_workflow_ref")) {
      addGithubActions(leaf, claims, issuer);
    } else if (GITHUB_ISSUER.equals(issuer)) {
      throw new SigstoreException(
          "Fulcio", "a GitHub Actions token needs a job_workflow_ref claim");
    } else if (claims.containsKey("email")) {
      leaf.addExtension(
          Extensions.SUBJECT_ALTERNATIVE_NAME,
          true,
          Extensions.subjectAlternativeName(Extensions.RFC822_NAME, claims.get("email")));
      addRaw(leaf, 1, issuer);
      addUtf8(leaf, 8, issuer);
    } else {
      throw new SigstoreException(
          "Fulcio", "the token has neither a job_workflow_ref nor an email claim to certify");
    }
  }

  private static void addGithubActions(
      CertificateBuilder leaf, Map<String, String> claims, String issuer) throws SigstoreException {
    String server = GITHUB_SERVER + "/";
    String buildSigner = server + claims.get("job_workflow_ref");
    String repository = required(claims, "repository");
    leaf.addExtension(
        Extensions.SUBJECT_ALTERNATIVE_NAME,
        true,
        Extensions.subjectAlternativeName(Extensions.URI, buildSigner));
    // .1-.6 are the deprecated raw-string extensions, still issued for GitHub Actions tokens.
    addRaw(leaf, 1, issuer);
    addRaw(leaf, 2, claims.get("event_name"));
    addRaw(leaf, 3, claims.get("sha"));
    addRaw(leaf, 4, claims.get("workflow"));
    addRaw(leaf, 5, repository);
    addRaw(leaf, 6, claims.get("ref"));
    addUtf8(leaf, 8, issuer);
    addUtf8(leaf, 9, buildSigner);
    addUtf8(leaf, 10, claims.get("job_workflow_sha"));
    addUtf8(leaf, 11, claims.get("runner_environment"));
    addUtf8(leaf, 12, server + repository);
    addUtf8(leaf, 13, claims.get("sha"));
    addUtf8(leaf, 14, claims.get("ref"));
    addUtf8(leaf, 15, claims.get("repository_id"));
    addUtf8(leaf, 16, prefixed(server, claims.get("repository_owner")));
    addUtf8(leaf, 17, claims.get("repository_owner_id"));
    addUtf8(leaf, 18, prefixed(server, claims.get("workflow_ref")));
    addUtf8(leaf, 19, claims.get("workflow_sha"));
    addUtf8(leaf, 20, claims.get("event_name"));
    String runId = claims.get("run_id");
    String attempt = claims.get("run_attempt");
    if (runId != null && attempt != null) {
      addUtf8(leaf, 21, server + repository + "/actions/runs/" + runId + "/attempts/" + attempt);
    }
    addUtf8(leaf, 22, claims.get("repository_visibility"));
  }

  private static String prefixed(String prefix, String value) {
    return value == null ? null : prefix + value;
  }

  private static String required(Map<String, String> claims, String name) throws SigstoreException {
    String value = claims.get(name);
    if (value == null || value.isEmpty()) {
      throw new SigstoreException("Fulcio", "the token has no " + name + " claim");
    }
    return value;
  }

  // Like Fulcio, leave out an extension whose claim is absent rather than certify an empty value.
  private static void addRaw(CertificateBuilder leaf, int arc, String value) {
    if (value != null && !value.isEmpty()) {
      // The deprecated extensions hold the claim's bytes as they are, not a DER value.
      leaf.addExtension(OID_PREFIX + arc, false, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void addUtf8(CertificateBuilder leaf, int arc, String value) {
    if (value != null && !value.isEmpty()) {
      leaf.addExtension(OID_PREFIX + arc, false, Der.utf8String(value));
    }
  }
}
