package dev.provenanceaction.provenance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.subject.Subject;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the in-toto statement the action signs: the subjects and a SLSA provenance predicate built
 * from the workflow's OIDC claims, as compact JSON.
 *
 * <p>The output is pure ASCII: every non-ASCII character is escaped as {@code \}{@code uXXXX}, so
 * that DSSE's byte-counted PAE cannot be mistaken for a character count by any verifier (sigstore-
 * java's is). It is written straight to bytes, without Jackson but for a v0.2 event payload, which
 * comes as a tree: loading and running Jackson cost a one-shot process more than 100,000 subjects.
 */
public final class ProvenanceStatement {
  /** The {@code buildType} of GitHub's attest action, which GitHub's attestation store expects. */
  static final String GITHUB_WORKFLOW_BUILD_TYPE =
      "https://actions.github.io/buildtypes/workflow/v1";

  /** The {@code buildType} of the slsa-github-generator's generic generator. */
  static final String GENERIC_GENERATOR_BUILD_TYPE =
      "https://github.com/slsa-framework/slsa-github-generator/generic@v1";

  /** A subject as {@link #writeSubject} writes it, its three strings empty. */
  private static final String SUBJECT_FRAME = "{\"name\":\"\",\"digest\":{\"\":\"\"}}";

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
    // The predicate first: then the statement's length is known exactly unless a subject needs
    // escaping, and its buffer is returned without a copy. For 100,000 subjects, a copy and a
    // generous first guess allocate 30 MB more, enough to set off a garbage collection.
    AsciiJsonWriter predicateJson = new AsciiJsonWriter(4096);
    switch (type) {
      case SLSA_V1 -> writeSlsaV1(predicateJson, claims, serverUrl);
      case SLSA_V02 -> writeSlsaV02(predicateJson, claims, serverUrl, eventPayload);
    }
    byte[] predicate = predicateJson.toByteArray();
    long length = statement(type, List.of(), predicate, 256).length + plainLength(subjects);
    return statement(type, subjects, predicate, (int) Math.min(length, Integer.MAX_VALUE - 8));
  }

  /** The statement, its predicate written already. */
  private static byte[] statement(
      PredicateType type, List<Subject> subjects, byte[] predicate, int expectedLength) {
    AsciiJsonWriter json = new AsciiJsonWriter(expectedLength);
    json.startObject().field("_type", type.statementTypeUri());
    switch (type) {
      case SLSA_V1 -> {
        writeSubjects(json, subjects);
        json.field("predicateType", type.predicateTypeUri());
      }
      case SLSA_V02 -> {
        json.field("predicateType", type.predicateTypeUri());
        writeSubjects(json, subjects);
      }
    }
    return json.name("predicate").rawValue(predicate).endObject().toByteArray();
  }

  /**
   * What the subjects add to an empty subject array when nothing in them needs escaping: each
   * {@link #SUBJECT_FRAME} with its three strings filled in, and the commas between.
   */
  private static long plainLength(List<Subject> subjects) {
    long length = subjects.size() - 1;
    for (Subject subject : subjects) {
      // One call a subject, as in writeSubjects.
      length += plainLength(subject);
    }
    return length;
  }

  private static int plainLength(Subject subject) {
    return SUBJECT_FRAME.length()
        + subject.name().length()
        + subject.algorithm().inTotoName().length()
        + subject.digest().length();
  }

  private static void writeSubjects(AsciiJsonWriter json, List<Subject> subjects) {
    json.startArray("subject");
    for (Subject subject : subjects) {
      // One call a subject: a cold JVM interprets this loop for most of 100,000 subjects, but
      // compiles the method it calls early.
      writeSubject(json, subject);
    }
    json.endArray();
  }

  private static void writeSubject(AsciiJsonWriter json, Subject subject) {
    json.startObject()
        .field("name", subject.name())
        .startObject("digest")
        .field(subject.algorithm().inTotoName(), subject.digest())
        .endObject()
        .endObject();
  }

  /** GitHub's shape: actions/toolkit {@code packages/attest/src/provenance.ts}. */
  private static void writeSlsaV1(AsciiJsonWriter json, WorkflowClaims claims, String serverUrl) {
    String repositoryUrl = serverUrl + "/" + claims.repository();
    json.startObject();
    json.startObject("buildDefinition");
    json.field("buildType", GITHUB_WORKFLOW_BUILD_TYPE);
    json.startObject("externalParameters");
    json.startObject("workflow");
    json.field("ref", claims.ref());
    json.field("repository", repositoryUrl);
    json.field("path", claims.workflowPath());
    json.endObject();
    json.endObject();
    json.startObject("internalParameters");
    json.startObject("github");
    json.field("event_name", claims.eventName());
    json.field("repository_id", claims.repositoryId());
    json.field("repository_owner_id", claims.repositoryOwnerId());
    json.field("runner_environment", claims.runnerEnvironment());
    json.endObject();
    json.endObject();
    json.startArray("resolvedDependencies");
    json.startObject();
    json.field("uri", "git+" + repositoryUrl + "@" + claims.ref());
    json.startObject("digest");
    json.field("gitCommit", claims.sha());
    json.endObject();
    json.endObject();
    json.endArray();
    json.endObject();
    json.startObject("runDetails");
    json.startObject("builder");
    json.field("id", serverUrl + "/" + claims.jobWorkflowRef());
    json.endObject();
    json.startObject("metadata");
    json.field(
        "invocationId",
        repositoryUrl + "/actions/runs/" + claims.runId() + "/attempts/" + claims.runAttempt());
    json.endObject();
    json.endObject();
    json.endObject();
  }

  /** The generic generator's shape (slsa-github-generator v2.1.0), field order included. */
  private static void writeSlsaV02(
      AsciiJsonWriter json, WorkflowClaims claims, String serverUrl, JsonNode eventPayload) {
    String configSourceUri = "git+" + serverUrl + "/" + claims.repository() + "@" + claims.ref();
    json.startObject();
    json.startObject("builder");
    json.field("id", serverUrl + "/" + claims.jobWorkflowRef());
    json.endObject();
    json.field("buildType", GENERIC_GENERATOR_BUILD_TYPE);
    json.startObject("invocation");
    json.startObject("configSource");
    writeSourceReference(json, configSourceUri, claims.sha());
    json.field("entryPoint", claims.workflowPath());
    json.endObject();
    json.startObject("environment");
    json.field("github_actor", claims.actor());
    json.field("github_actor_id", claims.actorId());
    json.field("github_base_ref", claims.baseRef());
    json.field("github_event_name", claims.eventName());
    json.name("github_event_payload");
    if (eventPayload == null || eventPayload.isNull()) {
      json.startObject();
      json.endObject();
    } else {
      json.rawValue(EventPayload.toAsciiJson(eventPayload));
    }
    json.field("github_head_ref", claims.headRef());
    json.field("github_ref", claims.ref());
    json.field("github_ref_type", claims.refType());
    json.field("github_repository_id", claims.repositoryId());
    json.field("github_repository_owner", claims.repositoryOwner());
    json.field("github_repository_owner_id", claims.repositoryOwnerId());
    json.field("github_run_attempt", claims.runAttempt());
    json.field("github_run_id", claims.runId());
    json.field("github_run_number", claims.runNumber());
    json.field("github_sha1", claims.sha());
    json.endObject();
    json.endObject();
    json.startObject("metadata");
    json.field("buildInvocationID", claims.runId() + "-" + claims.runAttempt());
    json.startObject("completeness");
    json.field("parameters", true);
    json.field("environment", false);
    json.field("materials", false);
    json.endObject();
    json.field("reproducible", false);
    json.endObject();
    json.startArray("materials");
    json.startObject();
    writeSourceReference(json, configSourceUri, claims.sha());
    json.endObject();
    json.endArray();
    json.endObject();
  }

  private static void writeSourceReference(AsciiJsonWriter json, String uri, String sha) {
    json.field("uri", uri);
    json.startObject("digest");
    json.field("sha1", sha);
    json.endObject();
  }

  /** Jackson databind, loaded only to write a v0.2 event payload. */
  private static final class EventPayload {
    private static final ObjectMapper ASCII_JSON =
        new ObjectMapper(JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build());

    /** The payload as Jackson writes the tree: keys in the order read, numbers as parsed. */
    static byte[] toAsciiJson(JsonNode payload) {
      try {
        return ASCII_JSON.writeValueAsBytes(payload);
      } catch (JsonProcessingException e) {
        // A tree read from JSON always writes; Jackson declares the exception for any value.
        throw new UncheckedIOException(e);
      }
    }
  }
}
