package dev.provenanceaction.provenance;

import dev.provenanceaction.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an in-toto statement claims, read the one way both the verifier and the release merge read
 * it: its subjects and, for SLSA provenance v1 or v0.2, the builder, source repository and ref, and
 * the workflow run attempt that made it. The statements {@link ProvenanceStatement} writes,
 * GitHub's attest action's, and slsa-github-generator's (generic and container-based) all read
 * here.
 *
 * @param statementType the statement's {@code _type}
 * @param predicateType the statement's {@code predicateType}
 * @param subjects the statement's subjects
 * @param builderId v1 {@code runDetails.builder.id}, v0.2 {@code builder.id}; empty if absent
 * @param repositoryUri v1 {@code externalParameters.workflow.repository} or, from the
 *     container-based builder, {@code externalParameters.source.uri} without {@code git+} and
 *     {@code @ref}; v0.2 the configSource URI likewise; empty if absent
 * @param ref the ref beside that repository; empty if absent
 * @param run the run attempt: v1 {@code runDetails.metadata.invocationId}, v0.2 {@code
 *     metadata.buildInvocationID}
 */
public record StatementClaims(
    String statementType,
    String predicateType,
    List<StatementSubject> subjects,
    String builderId,
    String repositoryUri,
    String ref,
    Optional<RunAttempt> run) {
  public static final Set<String> STATEMENT_TYPES =
      Set.of(PredicateType.SLSA_V1.statementTypeUri(), PredicateType.SLSA_V02.statementTypeUri());

  /**
   * PyPI's publish attestation (PEP 740), which {@code gh-action-pypi-publish} makes on upload: it
   * says that the certificate's identity published the file, and makes no claim about its build.
   */
  public static final String PYPI_PUBLISH_V1 = "https://docs.pypi.org/attestations/publish/v1";

  public StatementClaims {
    subjects = List.copyOf(subjects);
  }

  /**
   * A subject of the statement.
   *
   * @param name the subject's name
   * @param sha256 its lower-case hex SHA-256 digest, if it has one
   */
  public record StatementSubject(String name, Optional<String> sha256) {}

  /**
   * Reads an in-toto statement with any predicate; the builder, repository, ref and run are empty
   * unless the predicate is SLSA provenance v1 or v0.2.
   *
   * @throws StatementFormatException if it is not JSON (a repeated key included) or not an in-toto
   *     statement of a known version
   */
  public static StatementClaims read(byte[] statement) throws StatementFormatException {
    JsonValue root;
    try {
      root = JsonValue.parse(statement);
    } catch (IOException e) {
      throw new StatementFormatException(
          "an in-toto statement in JSON",
          "unreadable JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (!root.isObject()) {
      throw new StatementFormatException("an in-toto statement (a JSON object)", "other JSON");
    }
    String statementType = text(root.get("_type"));
    if (!STATEMENT_TYPES.contains(statementType)) {
      throw new StatementFormatException(
          "_type https://in-toto.io/Statement/v1 or https://in-toto.io/Statement/v0.1",
          statementType.isEmpty() ? "no _type" : statementType);
    }
    String predicateType = text(root.get("predicateType"));
    JsonValue predicate = root.get("predicate");
    List<StatementSubject> subjects = subjects(root.get("subject"));
    if (predicateType.equals(PredicateType.SLSA_V1.predicateTypeUri())) {
      JsonValue parameters = predicate.at("/buildDefinition/externalParameters");
      JsonValue workflow = parameters.get("workflow");
      String[] source =
          workflow.isMissing()
              ? sourceUri(text(parameters.at("/source/uri")))
              : new String[] {text(workflow.get("repository")), text(workflow.get("ref"))};
      return new StatementClaims(
          statementType,
          predicateType,
          subjects,
          text(predicate.at("/runDetails/builder/id")),
          source[0],
          source[1],
          RunAttempt.fromInvocationId(text(predicate.at("/runDetails/metadata/invocationId"))));
    }
    if (predicateType.equals(PredicateType.SLSA_V02.predicateTypeUri())) {
      String[] source = sourceUri(text(predicate.at("/invocation/configSource/uri")));
      return new StatementClaims(
          statementType,
          predicateType,
          subjects,
          text(predicate.at("/builder/id")),
          source[0],
          source[1],
          RunAttempt.fromBuildInvocationId(text(predicate.at("/metadata/buildInvocationID"))));
    }
    return new StatementClaims(
        statementType, predicateType, subjects, "", "", "", Optional.empty());
  }

  /** Whether the predicate is SLSA provenance, which names a builder, repository and ref. */
  public boolean claimsABuild() {
    return predicateType.equals(PredicateType.SLSA_V1.predicateTypeUri())
        || predicateType.equals(PredicateType.SLSA_V02.predicateTypeUri());
  }

  /** Whether the predicate is PyPI's publish attestation. */
  public boolean isPublishAttestation() {
    return predicateType.equals(PYPI_PUBLISH_V1);
  }

  /**
   * Whether the statement is provenance as the verifier and the release merge accept it: SLSA, or a
   * PyPI publish attestation, whose only claim is the certificate's identity.
   */
  public boolean isProvenance() {
    return claimsABuild() || isPublishAttestation();
  }

  /** The subject with this SHA-256 digest (lower-case hex), if any. */
  public Optional<StatementSubject> subjectWithSha256(String sha256) {
    return subjects.stream().filter(s -> s.sha256().equals(Optional.of(sha256))).findFirst();
  }

  /** A {@code git+<repository>@<ref>} URI as its repository and ref; either may be empty. */
  private static String[] sourceUri(String uri) {
    String source = uri.startsWith("git+") ? uri.substring("git+".length()) : uri;
    int at = source.indexOf('@');
    return at < 0
        ? new String[] {source, ""}
        : new String[] {source.substring(0, at), source.substring(at + 1)};
  }

  private static List<StatementSubject> subjects(JsonValue array) {
    List<StatementSubject> subjects = new ArrayList<>();
    if (!array.isArray()) {
      return subjects;
    }
    for (JsonValue subject : array.elements()) {
      String sha256 = text(subject.at("/digest/sha256"));
      subjects.add(
          new StatementSubject(
              text(subject.get("name")),
              sha256.isEmpty() ? Optional.empty() : Optional.of(sha256.toLowerCase(Locale.ROOT))));
    }
    return subjects;
  }

  private static String text(JsonValue value) {
    return value.isTextual() ? value.textValue() : "";
  }
}
