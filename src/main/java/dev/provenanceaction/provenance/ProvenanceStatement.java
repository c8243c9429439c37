package dev.provenanceaction.provenance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.subject.Subject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the in-toto statement the action signs: the subjects and a SLSA provenance predicate built
 * from the workflow's OIDC claims, as compact JSON.
 *
 * <p>The output is pure ASCII: every non-ASCII character is escaped as {@code \}{@code uXXXX}, so
 * that DSSE's byte-counted PAE cannot be mistaken for a character count by any verifier (sigstore-
 * java's is). Subjects are streamed, never held as a JSON tree, so 100,000 of them cost little.
 */
public final class ProvenanceStatement {
  /** The {@code buildType} of GitHub's attest action, which GitHub's attestation store expects. */
  static final String GITHUB_WORKFLOW_BUILD_TYPE =
      "https://actions.github.io/buildtypes/workflow/v1";

  /** The {@code buildType} of the slsa-github-generator's generic generator. */
  static final String GENERIC_GENERATOR_BUILD_TYPE =
      "https://github.com/slsa-framework/slsa-github-generator/generic@v1";

  private static final ObjectMapper ASCII_JSON =
      new ObjectMapper(JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build());

  private ProvenanceStatement() {}

  /**
   * The statement as compact ASCII JSON, fields in the order GitHub's attest action (SLSA v1) or
   * the SLSA generator (v0.2) write them.
   *
   * @param type the predicate to write
   * @param subjects the artifacts, at least one
   * @param claims the verified OIDC token's claims
   * @param serverUrl {@code GITHUB_SERVER_URL}, e.g. {@code https://github.com}, no trailing slash
   * @param eventPayload the workflow's event payload ({@code GITHUB_EVENT_PATH}), used by SLSA v0.2
   *     only; {@code null} writes {@code {}}
   * @throws IllegalArgumentException if there are no subjects, the server URL is blank or ends in a
   *     slash, or the event payload is not a JSON object
   */
  public static byte[] serialize(
      PredicateType type,
      List<Subject> subjects,
      WorkflowClaims claims,
      String serverUrl,
      JsonNode eventPayload) {
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException("a statement needs at least one subject");
    }
    if (serverUrl.isBlank() || serverUrl.endsWith("/")) {
      throw new IllegalArgumentException(
          "the server URL must look like https://github.com, without a trailing slash: '"
              + serverUrl
              + "'");
    }
    if (eventPayload != null && !eventPayload.isObject() && !eventPayload.isNull()) {
      throw new IllegalArgumentException(
          "the event payload must be a JSON object, not " + eventPayload.getNodeType());
    }
    // Roughly 130 bytes a subject plus the predicate: grows the buffer once or never.
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + 160 * subjects.size());
    try (JsonGenerator json = ASCII_JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("_type", type.statementTypeUri());
      switch (type) {
        case SLSA_V1 -> {
          writeSubjects(json, subjects);
          json.writeStringField("predicateType", type.predicateTypeUri());
          json.writeFieldName("predicate");
          writeSlsaV1(json, claims, serverUrl);
        }
        case SLSA_V02 -> {
          json.writeStringField("predicateType", type.predicateTypeUri());
          writeSubjects(json, subjects);
          json.writeFieldName("predicate");
          writeSlsaV02(json, claims, serverUrl, eventPayload);
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      // Jackson declares IOException for any stream; writing to memory does not fail.
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeSubjects(JsonGenerator json, List<Subject> subjects) throws IOException {
    json.writeArrayFieldStart("subject");
    for (Subject subject : subjects) {
      json.writeStartObject();
      json.writeStringField("name", subject.name());
      json.writeObjectFieldStart("digest");
      json.writeStringField(subject.algorithm().inTotoName(), subject.digest());
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** GitHub's shape: actions/toolkit {@code packages/attest/src/provenance.ts}. */
  private static void writeSlsaV1(JsonGenerator json, WorkflowClaims claims, String serverUrl)
      throws IOException {
    String repositoryUrl = serverUrl + "/" + claims.repository();
    json.writeStartObject();
    json.writeObjectFieldStart("buildDefinition");
    json.writeStringField("buildType", GITHUB_WORKFLOW_BUILD_TYPE);
    json.writeObjectFieldStart("externalParameters");
    json.writeObjectFieldStart("workflow");
    json.writeStringField("ref", claims.ref());
    json.writeStringField("repository", repositoryUrl);
    json.writeStringField("path", claims.workflowPath());
    json.writeEndObject();
    json.writeEndObject();
    json.writeObjectFieldStart("internalParameters");
    json.writeObjectFieldStart("github");
    json.writeStringField("event_name", claims.eventName());
    json.writeStringField("repository_id", claims.repositoryId());
    json.writeStringField("repository_owner_id", claims.repositoryOwnerId());
    json.writeStringField("runner_environment", claims.runnerEnvironment());
    json.writeEndObject();
    json.writeEndObject();
    json.writeArrayFieldStart("resolvedDependencies");
    json.writeStartObject();
    json.writeStringField("uri", "git+" + repositoryUrl + "@" + claims.ref());
    json.writeObjectFieldStart("digest");
    json.writeStringField("gitCommit", claims.sha());
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    json.writeObjectFieldStart("runDetails");
    json.writeObjectFieldStart("builder");
    json.writeStringField("id", serverUrl + "/" + claims.jobWorkflowRef());
    json.writeEndObject();
    json.writeObjectFieldStart("metadata");
    json.writeStringField(
        "invocationId",
        repositoryUrl + "/actions/runs/" + claims.runId() + "/attempts/" + claims.runAttempt());
    json.writeEndObject();
    json.writeEndObject();
    json.writeEndObject();
  }

  /** The generic generator's shape (slsa-github-generator v2.1.0), field order included. */
  private static void writeSlsaV02(
      JsonGenerator json, WorkflowClaims claims, String serverUrl, JsonNode eventPayload)
      throws IOException {
    String configSourceUri = "git+" + serverUrl + "/" + claims.repository() + "@" + claims.ref();
    json.writeStartObject();
    json.writeObjectFieldStart("builder");
    json.writeStringField("id", serverUrl + "/" + claims.jobWorkflowRef());
    json.writeEndObject();
    json.writeStringField("buildType", GENERIC_GENERATOR_BUILD_TYPE);
    json.writeObjectFieldStart("invocation");
    json.writeObjectFieldStart("configSource");
    writeSourceReference(json, configSourceUri, claims.sha());
    json.writeStringField("entryPoint", claims.workflowPath());
    json.writeEndObject();
    json.writeObjectFieldStart("environment");
    json.writeStringField("github_actor", claims.actor());
    json.writeStringField("github_actor_id", claims.actorId());
    json.writeStringField("github_base_ref", claims.baseRef());
    json.writeStringField("github_event_name", claims.eventName());
    json.writeFieldName("github_event_payload");
    if (eventPayload == null || eventPayload.isNull()) {
      json.writeStartObject();
      json.writeEndObject();
    } else {
      json.writeTree(eventPayload);
    }
    json.writeStringField("github_head_ref", claims.headRef());
    json.writeStringField("github_ref", claims.ref());
    json.writeStringField("github_ref_type", claims.refType());
    json.writeStringField("github_repository_id", claims.repositoryId());
    json.writeStringField("github_repository_owner", claims.repositoryOwner());
    json.writeStringField("github_repository_owner_id", claims.repositoryOwnerId());
    json.writeStringField("github_run_attempt", claims.runAttempt());
    json.writeStringField("github_run_id", claims.runId());
    json.writeStringField("github_run_number", claims.runNumber());
    json.writeStringField("github_sha1", claims.sha());
    json.writeEndObject();
    json.writeEndObject();
    json.writeObjectFieldStart("metadata");
    json.writeStringField("buildInvocationID", claims.runId() + "-" + claims.runAttempt());
    json.writeObjectFieldStart("completeness");
    json.writeBooleanField("parameters", true);
    json.writeBooleanField("environment", false);
    json.writeBooleanField("materials", false);
    json.writeEndObject();
    json.writeBooleanField("reproducible", false);
    json.writeEndObject();
    json.writeArrayFieldStart("materials");
    json.writeStartObject();
    writeSourceReference(json, configSourceUri, claims.sha());
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeSourceReference(JsonGenerator json, String uri, String sha)
      throws IOException {
    json.writeStringField("uri", uri);
    json.writeObjectFieldStart("digest");
    json.writeStringField("sha1", sha);
    json.writeEndObject();
  }
}
