package dev.provenanceaction.release;

import dev.provenanceaction.provenance.PredicateType;
import dev.provenanceaction.provenance.ProvenanceStatement;
import dev.provenanceaction.provenance.WorkflowClaims;
import dev.provenanceaction.sigstore.EphemeralSigstore;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.StatementSigner;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.subject.DigestAlgorithm;
import dev.provenanceaction.subject.Subject;
import dev.provenanceaction.testing.GithubTokenClaims;
import dev.provenanceaction.testing.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real signed bundle lines from an in-process Sigstore, for chosen runs and artifacts. */
final class SignedProvenance {
  static final EphemeralSigstore SIGSTORE = EphemeralSigstore.create();
  static final String REPOSITORY = "octo-org/wheels";

  private SignedProvenance() {}

  /** One compact bundle line for these artifact names, made by run {@code runId} attempt n. */
  static String line(PredicateType type, String runId, int attempt, String... artifacts) {
    List<Subject> subjects = new ArrayList<>();
    for (String artifact : artifacts) {
      subjects.add(new Subject(artifact, DigestAlgorithm.SHA256, digestOf(artifact)));
    }
    Map<String, String> claims = claims(runId, attempt);
    byte[] statement =
        ProvenanceStatement.serialize(
            type, subjects, WorkflowClaims.from(claims), "https://github.com", null);
    return signed(statement, runId);
  }

  /** A compact bundle line of any statement, signed by run {@code runId}. */
  static String signed(byte[] statement, String runId) {
    OidcToken token = EphemeralSigstore.tokenFrom(claims(runId, 1));
    try {
      return new String(
          new StatementSigner(SIGSTORE.certificateAuthority(), SIGSTORE.transparencyLog())
              .begin()
              .certify(token)
              .signEach(List.of(statement), 1)
              .get(0)
              .toJsonLine(),
          StandardCharsets.UTF_8);
    } catch (SigstoreException e) {
      throw new IllegalStateException(e);
    }
  }

  static String line(String runId, int attempt, String... artifacts) {
    return line(PredicateType.SLSA_V1, runId, attempt, artifacts);
  }

  static Path file(Path directory, String name, String... lines) throws IOException {
    return Files.writeString(
        directory.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  /** The artifact's stand-in content is its name. */
  static String digestOf(String artifact) {
    return Sha256.hex(artifact.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> claims(String runId, int attempt) {
    Map<String, String> claims =
        GithubTokenClaims.forRun(
            REPOSITORY, "refs/tags/v1.0.0", "a".repeat(40), ".github/workflows/release.yml");
    claims.put("repository_id", "123");
    claims.put("repository_owner_id", "456");
    claims.put("workflow", "release");
    claims.put("event_name", "push");
    claims.put("run_id", runId);
    claims.put("run_attempt", Integer.toString(attempt));
    claims.put("run_number", "7");
    claims.put("actor", "octocat");
    claims.put("actor_id", "1");
    return claims;
  }
}
