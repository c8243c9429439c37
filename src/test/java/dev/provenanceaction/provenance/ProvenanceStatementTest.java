package dev.provenanceaction.provenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.subject.DigestAlgorithm;
import dev.provenanceaction.subject.Subject;
import dev.provenanceaction.testing.AttestFixtureClaims;
import dev.provenanceaction.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceStatementTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIGEST =
      "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";

  private static WorkflowClaims attestFixture() {
    return WorkflowClaims.from(AttestFixtureClaims.claims());
  }

  private static List<Subject> oneSubject(String name) {
    return List.of(new Subject(name, DigestAlgorithm.SHA256, DIGEST));
  }

  @Test
  void slsaV1IsByteIdenticalToGitHubsAttestAction() throws IOException {
    byte[] expected = dssePayload(Fixtures.ATTEST_BUNDLE);

    byte[] actual =
        ProvenanceStatement.serialize(
            PredicateType.SLSA_V1,
            oneSubject("a.txt"),
            attestFixture(),
            "https://github.com",
            null);

    assertEquals(
        new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
    assertArrayEquals(expected, actual);
  }

  /**
   * The generator's statement is compact ASCII, its event payload already has Go's sorted keys, and
   * Jackson writes the tree in the order read: so the bytes, not only the trees, must be equal.
   */
  @Test
  void slsaV02IsByteIdenticalToTheGenericGenerator() throws IOException {
    byte[] expected = dssePayload(Fixtures.SLSA_GENERATOR_JSONL);
    JsonNode statement = JSON.readTree(expected);
    JsonNode environment = statement.at("/predicate/invocation/environment");
    // iss, sub, visibility, workflow, job_workflow_sha and runner_environment are not in the
    // statement: plausible values.
    Map<String, String> claims = new HashMap<>();
    claims.put("iss", "https://token.actions.githubusercontent.com");
    claims.put("sub", "repo:slsa-framework/example-package:ref:refs/tags/v14");
    claims.put("repository", "slsa-framework/example-package");
    claims.put("repository_id", environment.get("github_repository_id").asText());
    claims.put("repository_owner", environment.get("github_repository_owner").asText());
    claims.put("repository_owner_id", environment.get("github_repository_owner_id").asText());
    claims.put("repository_visibility", "public");
    claims.put("ref", environment.get("github_ref").asText());
    claims.put("ref_type", environment.get("github_ref_type").asText());
    claims.put("sha", environment.get("github_sha1").asText());
    claims.put("workflow", "verifier-e2e");
    claims.put(
        "workflow_ref",
        "slsa-framework/example-package/.github/workflows/"
            + "verifier-e2e.all.workflow_dispatch.main.all.slsa3.yml@refs/tags/v14");
    claims.put("workflow_sha", environment.get("github_sha1").asText());
    claims.put(
        "job_workflow_ref",
        "slsa-framework/slsa-github-generator/.github/workflows/"
            + "generator_generic_slsa3.yml@refs/tags/v2.1.0");
    claims.put("job_workflow_sha", "f7dd8c54c2067bafc12ca7a55595d5ee9b75204a");
    claims.put("event_name", environment.get("github_event_name").asText());
    claims.put("run_id", environment.get("github_run_id").asText());
    claims.put("run_attempt", environment.get("github_run_attempt").asText());
    claims.put("run_number", environment.get("github_run_number").asText());
    claims.put("runner_environment", "github-hosted");
    claims.put("actor", environment.get("github_actor").asText());
    claims.put("actor_id", environment.get("github_actor_id").asText());
    claims.put("base_ref", environment.get("github_base_ref").asText());
    claims.put("head_ref", environment.get("github_head_ref").asText());
    List<Subject> subjects =
        List.of(
            new Subject(
                "gha_generic-binary-linux-amd64-v14",
                DigestAlgorithm.SHA256,
                "376e7e01348585b6e6643bc6663146b9d525d9b41228bf180eaeb4d4a3706caa"));

    byte[] actual =
        ProvenanceStatement.serialize(
            PredicateType.SLSA_V02,
            subjects,
            WorkflowClaims.from(claims),
            "https://github.com",
            environment.get("github_event_payload"));

    assertEquals(
        new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
    assertArrayEquals(expected, actual);
  }

  @Test
  void escapesNonAsciiSoTheOutputIsPureAscii() throws IOException {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.putObject("head_commit").put("message", "Grüße 😀");
    String name = "päckchen-😀.whl";

    for (PredicateType type : PredicateType.values()) {
      byte[] statement =
          ProvenanceStatement.serialize(
              type, oneSubject(name), attestFixture(), "https://github.com", event);

      for (byte b : statement) {
        assertTrue(b >= 0x20 && b < 0x7f, type + ": byte " + b + " is not printable ASCII");
      }
      String text = new String(statement, StandardCharsets.US_ASCII);
      assertTrue(text.contains("p\\u00E4ckchen-\\uD83D\\uDE00.whl"), text);
      JsonNode parsed = JSON.readTree(statement);
      assertEquals(name, parsed.at("/subject/0/name").asText());
      if (type == PredicateType.SLSA_V02) {
        assertEquals(
            "Grüße 😀",
            parsed
                .at("/predicate/invocation/environment/github_event_payload/head_commit/message")
                .asText());
      }
    }
  }

  @Test
  void slsaV1IgnoresTheEventPayload() {
    ObjectNode event = JsonNodeFactory.instance.objectNode().put("ref", "refs/heads/other");

    assertArrayEquals(
        ProvenanceStatement.serialize(
            PredicateType.SLSA_V1, oneSubject("a"), attestFixture(), "https://github.com", null),
        ProvenanceStatement.serialize(
            PredicateType.SLSA_V1, oneSubject("a"), attestFixture(), "https://github.com", event));
  }

  @Test
  void slsaV02WritesAnEmptyObjectForNoEventPayload() throws IOException {
    for (JsonNode absent : new JsonNode[] {null, JsonNodeFactory.instance.nullNode()}) {
      JsonNode statement =
          JSON.readTree(
              ProvenanceStatement.serialize(
                  PredicateType.SLSA_V02,
                  oneSubject("a"),
                  attestFixture(),
                  "https://github.com",
                  absent));

      assertEquals(
          JsonNodeFactory.instance.objectNode(),
          statement.at("/predicate/invocation/environment/github_event_payload"));
    }
  }

  @Test
  void writesSha512DigestsUnderTheirOwnKey() throws IOException {
    String digest = "ab".repeat(64);
    List<Subject> subjects = List.of(new Subject("x.tar.gz", DigestAlgorithm.SHA512, digest));

    JsonNode statement =
        JSON.readTree(
            ProvenanceStatement.serialize(
                PredicateType.SLSA_V1, subjects, attestFixture(), "https://github.com", null));

    assertEquals(
        JsonNodeFactory.instance.objectNode().put("sha512", digest),
        statement.at("/subject/0/digest"));
  }

  @Test
  void usesTheServerUrlForEnterpriseServer() throws IOException {
    JsonNode statement =
        JSON.readTree(
            ProvenanceStatement.serialize(
                PredicateType.SLSA_V1,
                oneSubject("a"),
                attestFixture(),
                "https://ghes.example.com",
                null));

    assertEquals(
        "https://ghes.example.com/loosebazooka/aa-test/.github/workflows/provenance.yaml"
            + "@refs/heads/main",
        statement.at("/predicate/runDetails/builder/id").asText());
    assertEquals(
        "git+https://ghes.example.com/loosebazooka/aa-test@refs/heads/main",
        statement.at("/predicate/buildDefinition/resolvedDependencies/0/uri").asText());
  }

  @Test
  void serializesOneHundredThousandSubjects() throws IOException {
    List<Subject> subjects = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      subjects.add(
          new Subject(
              "dist/file-" + i + ".whl", DigestAlgorithm.SHA256, String.format("%064x", i)));
    }

    byte[] statement =
        ProvenanceStatement.serialize(
            PredicateType.SLSA_V1, subjects, attestFixture(), "https://github.com", null);

    JsonNode parsed = JSON.readTree(statement);
    assertEquals(100_000, parsed.get("subject").size());
    assertEquals("dist/file-0.whl", parsed.at("/subject/0/name").asText());
    assertEquals("0".repeat(64), parsed.at("/subject/0/digest/sha256").asText());
    assertEquals("dist/file-99999.whl", parsed.at("/subject/99999/name").asText());
    assertEquals(
        String.format("%064x", 99_999), parsed.at("/subject/99999/digest/sha256").asText());
    assertTrue(statement.length > 100_000 * 100, "size " + statement.length);
  }

  @Test
  void rejectsNoSubjects() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProvenanceStatement.serialize(
                    PredicateType.SLSA_V1, List.of(), attestFixture(), "https://github.com", null));

    assertEquals("a statement needs at least one subject", e.getMessage());
  }

  @Test
  void rejectsServerUrlWithTrailingSlash() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProvenanceStatement.serialize(
                    PredicateType.SLSA_V1,
                    oneSubject("a"),
                    attestFixture(),
                    "https://github.com/",
                    null));

    assertEquals(
        "the server URL must look like https://github.com, without a trailing slash:"
            + " 'https://github.com/'",
        e.getMessage());
  }

  @Test
  void rejectsAnEventPayloadThatIsNotAnObject() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProvenanceStatement.serialize(
                    PredicateType.SLSA_V02,
                    oneSubject("a"),
                    attestFixture(),
                    "https://github.com",
                    JsonNodeFactory.instance.arrayNode()));

    assertEquals("the event payload must be a JSON object, not ARRAY", e.getMessage());
  }

  /** The DSSE payload bytes of a bundle file, or of the first bundle in a JSONL file. */
  private static byte[] dssePayload(String fixture) throws IOException {
    String text = Fixtures.text(fixture);
    String bundle = fixture.endsWith(".jsonl") ? text.lines().findFirst().orElseThrow() : text;
    String payload = JSON.readTree(bundle).path("dsseEnvelope").path("payload").asText();
    return Base64.getDecoder().decode(payload);
  }
}
