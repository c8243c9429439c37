package dev.provenanceaction.verify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a signed in-toto statement claims about a build: its subjects, builder, source repository
 * and ref, read from an SLSA v1 or v0.2 predicate.
 *
 * @param statementType the statement's {@code _type}
 * @param predicateType the statement's {@code predicateType}
 * @param subjects the statement's subjects
 * @param builderId v1 {@code runDetails.builder.id}, v0.2 {@code builder.id}; empty if absent
 * @param repositoryUri v1 {@code externalParameters.workflow.repository}, v0.2 the configSource URI
 *     without {@code git+} and {@code @ref}; empty if absent
 * @param ref v1 {@code externalParameters.workflow.ref}, v0.2 the configSource URI's {@code @ref};
 *     empty if absent
 */
public record ProvenanceClaims(
    String statementType,
    String predicateType,
    List<StatementSubject> subjects,
    String builderId,
    String repositoryUri,
    String ref) {
  public static final Set<String> STATEMENT_TYPES =
      Set.of("https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1");
  public static final String SLSA_V1 = "https://slsa.dev/provenance/v1";
  public static final String SLSA_V02 = "https://slsa.dev/provenance/v0.2";

  /**
   * PyPI's publish attestation (PEP 740), which {@code gh-action-pypi-publish} makes on upload: it
   * says that the certificate's identity published the file, and makes no claim about its build.
   */
  public static final String PYPI_PUBLISH_V1 = "https://docs.pypi.org/attestations/publish/v1";

  // A repeated key could make this reader and another verifier see different statements.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public ProvenanceClaims {
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
   * Reads the claims of SLSA provenance, or of a PyPI publish attestation, whose only claim is the
   * certificate's identity.
   *
   * @throws PolicyException if it is not an in-toto statement with an SLSA v1 or v0.2 predicate or
   *     a PyPI publish attestation
   */
  public static ProvenanceClaims parse(byte[] statement) throws PolicyException {
    ProvenanceClaims claims = parseStatement(statement);
    if (!claims.claimsABuild() && !claims.predicateType.equals(PYPI_PUBLISH_V1)) {
      throw new PolicyException(
          PolicyCheck.PREDICATE_TYPE,
          SLSA_V1
              + " or "
              + SLSA_V02
              + " (or a PyPI publish attestation, "
              + PYPI_PUBLISH_V1
              + "); verify-bundle checks a statement of any predicate type against an exact"
              + " identity",
          claims.predicateType.isEmpty() ? "no predicateType" : claims.predicateType);
    }
    return claims;
  }

  /** Whether the predicate is SLSA provenance, which names a builder, repository and ref. */
  public boolean claimsABuild() {
    return predicateType.equals(SLSA_V1) || predicateType.equals(SLSA_V02);
  }

  /**
   * Reads an in-toto statement with any predicate; the builder, repository and ref are empty unless
   * the predicate is SLSA provenance v1 or v0.2.
   *
   * @throws PolicyException if it is not an in-toto statement of a known version
   */
  public static ProvenanceClaims parseStatement(byte[] statement) throws PolicyException {
    JsonNode root;
    try {
      root = MAPPER.readTree(statement);
    } catch (JsonProcessingException e) {
      throw new PolicyException(
          PolicyCheck.STATEMENT_TYPE,
          "an in-toto statement in JSON",
          "unreadable JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new IllegalStateException("reading a byte array", e);
    }
    if (root == null || !root.isObject()) {
      throw new PolicyException(
          PolicyCheck.STATEMENT_TYPE, "an in-toto statement (a JSON object)", "other JSON");
    }
    String statementType = text(root.path("_type"));
    if (!STATEMENT_TYPES.contains(statementType)) {
      throw new PolicyException(
          PolicyCheck.STATEMENT_TYPE,
          "_type https://in-toto.io/Statement/v1 or https://in-toto.io/Statement/v0.1",
          statementType.isEmpty() ? "no _type" : statementType);
    }
    String predicateType = text(root.path("predicateType"));
    JsonNode predicate = root.path("predicate");
    List<StatementSubject> subjects = subjects(root.path("subject"));
    if (predicateType.equals(SLSA_V1)) {
      JsonNode workflow =
          predicate.path("buildDefinition").path("externalParameters").path("workflow");
      return new ProvenanceClaims(
          statementType,
          predicateType,
          subjects,
          text(predicate.path("runDetails").path("builder").path("id")),
          text(workflow.path("repository")),
          text(workflow.path("ref")));
    }
    if (predicateType.equals(SLSA_V02)) {
      String source = text(predicate.path("invocation").path("configSource").path("uri"));
      if (source.startsWith("git+")) {
        source = source.substring("git+".length());
      }
      int at = source.indexOf('@');
      return new ProvenanceClaims(
          statementType,
          predicateType,
          subjects,
          text(predicate.path("builder").path("id")),
          at < 0 ? source : source.substring(0, at),
          at < 0 ? "" : source.substring(at + 1));
    }
    return new ProvenanceClaims(statementType, predicateType, subjects, "", "", "");
  }

  /**
   * The SHA-256 digests of a statement's subjects, read leniently and before any check, to pick
   * which bundle of a file to verify for an artifact; empty if the statement is not readable.
   */
  static Set<String> subjectSha256s(byte[] statement) {
    try {
      return subjects(MAPPER.readTree(statement).path("subject")).stream()
          .flatMap(subject -> subject.sha256().stream())
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      return Set.of();
    }
  }

  /** The subject with this SHA-256 digest (lower-case hex), if any. */
  public Optional<StatementSubject> subjectWithSha256(String sha256) {
    return subjects.stream().filter(s -> s.sha256().equals(Optional.of(sha256))).findFirst();
  }

  /**
   * Holds the claims against the certificate that signed them: the provenance must name the
   * certificate's identity as its builder, and the certificate's repository and ref as its source.
   */
  public void checkAgainst(CertificateIdentity identity) throws PolicyException {
    if (!claimsABuild()) {
      // A publish attestation's one claim is the certificate's identity, checked by the policy.
      return;
    }
    if (!builderId.equals(identity.subjectAlternativeName())) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_BUILDER,
          "the certificate's identity "
              + IdentityPolicy.describe(identity.subjectAlternativeName()),
          IdentityPolicy.describe(builderId));
    }
    String certificateRepository = identity.sourceRepositoryUri().orElse("");
    if (!repositoryUri.equals(certificateRepository)) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_REPOSITORY,
          "the certificate's source repository " + IdentityPolicy.describe(certificateRepository),
          IdentityPolicy.describe(repositoryUri));
    }
    String certificateRef = identity.sourceRef().orElse("");
    if (!ref.equals(certificateRef)) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_REF,
          "the certificate's source ref " + IdentityPolicy.describe(certificateRef),
          IdentityPolicy.describe(ref));
    }
  }

  private static List<StatementSubject> subjects(JsonNode array) {
    List<StatementSubject> subjects = new ArrayList<>();
    for (JsonNode subject : array) {
      String sha256 = text(subject.path("digest").path("sha256"));
      subjects.add(
          new StatementSubject(
              text(subject.path("name")),
              sha256.isEmpty() ? Optional.empty() : Optional.of(sha256.toLowerCase(Locale.ROOT))));
    }
    return subjects;
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : "";
  }
}
