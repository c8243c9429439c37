package dev.provenanceaction.cli;

import static dev.provenanceaction.testing.CommandRun.ATTEST_ARTIFACT;
import static dev.provenanceaction.testing.CommandRun.ATTEST_BUNDLE;
import static dev.provenanceaction.testing.CommandRun.ROOT;
import static dev.provenanceaction.testing.CommandRun.SLSA_ARTIFACT;
import static dev.provenanceaction.testing.CommandRun.SLSA_JSONL;
import static dev.provenanceaction.testing.CommandRun.verifyArtifact;
import static dev.provenanceaction.testing.CommandRun.verifyArtifactExactly;
import static dev.provenanceaction.testing.Fixtures.ATTEST_SHA256;
import static dev.provenanceaction.testing.Fixtures.SLSA_SAN;
import static dev.provenanceaction.testing.Fixtures.SLSA_SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.TlsCaVariable;
import dev.provenanceaction.testing.CommandRun;
import dev.provenanceaction.verify.Artifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyArtifactCommandTest {
  private static final String SLSA_SOURCE = "github.com/slsa-framework/example-package";
  private static final String ATTEST_SOURCE = "github.com/loosebazooka/aa-test";

  @TempDir Path temp;

  @Test
  void generatorProvenanceVerifiesItsArtifact() {
    CommandRun run =
        verifyArtifact(
            "--provenance-path",
            SLSA_JSONL,
            "--source-uri",
            SLSA_SOURCE,
            "--source-tag",
            "v14",
            SLSA_ARTIFACT);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("PASSED: " + SLSA_ARTIFACT + " (sha256:" + SLSA_SHA256 + ")"));
    assertTrue(run.out().contains("line 1, signed by " + SLSA_SAN), run.out());
    assertEquals("", run.err());
  }

  @Test
  void attestBundleVerifiesItsArtifact() {
    CommandRun run =
        verifyArtifact(
            "--provenance-path",
            ATTEST_BUNDLE,
            "--source-uri",
            ATTEST_SOURCE,
            "--source-branch",
            "main",
            ATTEST_ARTIFACT);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out().contains("for https://github.com/loosebazooka/aa-test at refs/heads/main"));
  }

  @Test
  void builderIdWithoutRefMatchesAnyRefOfTheWorkflow() {
    CommandRun run =
        verifyArtifact(
            "--provenance-path",
            SLSA_JSONL,
            "--source-uri",
            SLSA_SOURCE,
            "--builder-id",
            SLSA_SAN.substring(0, SLSA_SAN.indexOf('@')),
            SLSA_ARTIFACT);

    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void wrongRepositoryFails() {
    CommandRun run =
        verifyArtifact(
            "--provenance-path", SLSA_JSONL, "--source-uri", "github.com/evil/fork", SLSA_ARTIFACT);

    assertFailed(
        run,
        "line 1: SOURCE_REPOSITORY: expected https://github.com/evil/fork,"
            + " found https://github.com/slsa-framework/example-package");
  }

  @Test
  void wrongTagFails() {
    CommandRun run =
        verifyArtifact(
            "--provenance-path",
            SLSA_JSONL,
            "--source-uri",
            SLSA_SOURCE,
            "--source-tag",
            "v15",
            SLSA_ARTIFACT);

    assertFailed(run, "SOURCE_REF: expected refs/tags/v15, found refs/tags/v14");
  }

  @Test
  void wrongBranchFails() {
    CommandRun run =
        verifyArtifact(
            "--provenance-path",
            ATTEST_BUNDLE,
            "--source-uri",
            ATTEST_SOURCE,
            "--source-branch",
            "release",
            ATTEST_ARTIFACT);

    assertFailed(run, "SOURCE_REF: expected refs/heads/release, found refs/heads/main");
  }

  @Test
  void wrongBuilderIdFails() {
    String other =
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
            + "generator_container_slsa3.yml";
    CommandRun run =
        verifyArtifact(
            "--provenance-path",
            SLSA_JSONL,
            "--source-uri",
            SLSA_SOURCE,
            "--builder-id",
            other,
            SLSA_ARTIFACT);

    assertFailed(run, "BUILDER_ID: expected " + other + ", found " + SLSA_SAN);
  }

  @Test
  void builderIdAtAnotherRefFails() {
    String otherRef = SLSA_SAN.replace("@refs/tags/v2.1.0", "@refs/tags/v2.0.0");
    CommandRun run =
        verifyArtifact(
            "--provenance-path",
            SLSA_JSONL,
            "--source-uri",
            SLSA_SOURCE,
            "--builder-id",
            otherRef,
            SLSA_ARTIFACT);

    assertFailed(run, "BUILDER_ID: expected " + otherRef + ", found " + SLSA_SAN);
  }

  @Test
  void wrongArtifactFailsNamingItsDigest() throws IOException {
    Path artifact = Files.writeString(temp.resolve("evil.whl"), "not the build\n");
    String sha256 = Artifact.hash(artifact).sha256();
    CommandRun run =
        verifyArtifact(
            "--provenance-path", SLSA_JSONL, "--source-uri", SLSA_SOURCE, artifact.toString());

    assertFailed(
        run,
        "SUBJECT_DIGEST: expected a subject with "
            + artifact
            + "'s digest sha256:"
            + sha256
            + " in one of 1 bundle(s), found none");
  }

  @Test
  void eachArtifactIsCheckedAgainstTheLineHoldingItsDigest() throws IOException {
    Path merged = mergedJsonl();
    CommandRun run =
        verifyArtifact(
            "--json",
            "--provenance-path",
            merged.toString(),
            "--source-uri",
            ATTEST_SOURCE,
            ATTEST_ARTIFACT,
            SLSA_ARTIFACT);

    assertEquals(1, run.exitCode());
    JsonNode artifacts = new ObjectMapper().readTree(run.out()).path("artifacts");
    assertEquals(2, artifacts.path(0).path("line").asInt());
    assertTrue(artifacts.path(0).path("verified").asBoolean());
    assertEquals(ATTEST_SHA256, artifacts.path(0).path("sha256").asText());
    assertEquals("SOURCE_REPOSITORY", artifacts.path(1).path("check").asText());
    assertTrue(
        artifacts.path(1).path("message").asText().startsWith("line 1: SOURCE_REPOSITORY"),
        run.out());

    CommandRun slsa =
        verifyArtifact(
            "--provenance-path", merged.toString(), "--source-uri", SLSA_SOURCE, SLSA_ARTIFACT);
    assertEquals(0, slsa.exitCode(), slsa.err());
    assertTrue(slsa.out().contains(merged + " line 1, signed by"), slsa.out());
  }

  @Test
  void artifactInNoLineOfAMergedFileFails() throws IOException {
    Path merged = mergedJsonl();
    Path artifact = Files.writeString(temp.resolve("other.tar.gz"), "other");
    CommandRun run =
        verifyArtifact(
            "--provenance-path",
            merged.toString(),
            "--source-uri",
            ATTEST_SOURCE,
            artifact.toString());

    assertFailed(
        run,
        "SUBJECT_DIGEST: expected a subject with "
            + artifact
            + "'s digest sha256:"
            + Artifact.hash(artifact).sha256()
            + " in one of 2 bundle(s), found none");
  }

  @Test
  void legacyEnvelopeIsRefusedOfflineNamingItsFormat() throws IOException {
    Path legacy =
        Files.writeString(
            temp.resolve("old.intoto.jsonl"),
            "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\","
                + "\"signatures\":[{\"keyid\":\"\",\"sig\":\"MEUC\",\"cert\":\"-----BEGIN\"}]}\n");
    CommandRun run =
        verifyArtifact(
            "--provenance-path", legacy.toString(), "--source-uri", SLSA_SOURCE, SLSA_ARTIFACT);

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "PROVENANCE_FORMAT: expected a Sigstore bundle on line 1,"
                    + " found a bare DSSE envelope with signatures[].cert"),
        run.err());
    assertTrue(run.err().contains("slsa-github-generator v1.x"), run.err());
    assertTrue(run.err().contains("which --offline forbids: drop --offline"), run.err());
  }

  @Test
  void tamperedPayloadFailsTheSignatureCheck() throws IOException {
    String line = Files.readString(Path.of(SLSA_JSONL)).strip();
    JsonNode bundle = new ObjectMapper().readTree(line);
    String payload = bundle.path("dsseEnvelope").path("payload").asText();
    String tampered =
        line.replace(payload, payload.substring(0, payload.length() - 8) + "AAAAAAA=");
    Path file = Files.writeString(temp.resolve("tampered.intoto.jsonl"), tampered);
    CommandRun run =
        verifyArtifact(
            "--provenance-path", file.toString(), "--source-uri", SLSA_SOURCE, SLSA_ARTIFACT);

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("line 1: DSSE_SIGNATURE: expected a signature"), run.err());
  }

  @Test
  void printProvenancePrintsTheSignedStatement() throws IOException {
    CommandRun run =
        verifyArtifact(
            "--print-provenance",
            "--provenance-path",
            ATTEST_BUNDLE,
            "--source-uri",
            ATTEST_SOURCE,
            ATTEST_ARTIFACT);

    assertEquals(0, run.exitCode(), run.err());
    JsonNode statement = new ObjectMapper().readTree(run.out());
    assertEquals("https://slsa.dev/provenance/v1", statement.path("predicateType").asText());
    assertTrue(run.err().startsWith("PASSED: "), run.err());
  }

  @Test
  void jsonNamesTheIdentityAndTheStatement() throws IOException {
    CommandRun run =
        verifyArtifact(
            "--json",
            "--print-provenance",
            "--provenance-path",
            SLSA_JSONL,
            "--source-uri",
            SLSA_SOURCE,
            SLSA_ARTIFACT);

    assertEquals(0, run.exitCode(), run.err());
    JsonNode result = new ObjectMapper().readTree(run.out());
    assertTrue(result.path("verified").asBoolean());
    JsonNode artifact = result.path("artifacts").path(0);
    assertEquals(SLSA_SAN, artifact.path("subjectAlternativeName").asText());
    assertEquals("refs/tags/v14", artifact.path("sourceRef").asText());
    assertEquals(174298180L, artifact.path("logIndex").asLong());
    assertEquals(
        "https://in-toto.io/Statement/v0.1", artifact.path("statement").path("_type").asText());
  }

  @Test
  void usageErrorsExitTwoWithAMessage() {
    assertUsage(
        verifyArtifact("--provenance-path", SLSA_JSONL, SLSA_ARTIFACT), "--source-uri is required");
    assertUsage(
        verifyArtifact("--source-uri", SLSA_SOURCE, SLSA_ARTIFACT),
        "--provenance-path is required");
    assertUsage(
        verifyArtifact("--provenance-path", SLSA_JSONL, "--source-uri", SLSA_SOURCE),
        "name at least one ARTIFACT");
    assertUsage(
        verifyArtifact(
            "--provenance-path",
            SLSA_JSONL,
            "--source-uri",
            "https://github.com/slsa-framework/example-package",
            SLSA_ARTIFACT),
        "--source-uri takes github.com/OWNER/REPO without a scheme");
    assertUsage(
        verifyArtifact(
            "--provenance-path",
            SLSA_JSONL,
            "--source-uri",
            SLSA_SOURCE,
            "--source-tag",
            "v14",
            "--source-branch",
            "main",
            SLSA_ARTIFACT),
        "give --source-tag or --source-branch, not both");
    assertUsage(
        verifyArtifact("--provenance-path", SLSA_JSONL, "--source-uri", SLSA_SOURCE, "--tag", "x"),
        "unknown option --tag");
    assertUsage(
        verifyArtifact(
            "--provenance-path", SLSA_JSONL, "--source-uri", SLSA_SOURCE, "/nonexistent/a.whl"),
        "cannot read the artifact /nonexistent/a.whl");
    assertUsage(
        verifyArtifact(
            "--provenance-path",
            "/nonexistent.intoto.jsonl",
            "--source-uri",
            SLSA_SOURCE,
            SLSA_ARTIFACT),
        "cannot read /nonexistent.intoto.jsonl");
    assertUsage(
        verifyArtifactExactly(
            List.of(
                "--offline",
                "--provenance-path",
                SLSA_JSONL,
                "--source-uri",
                SLSA_SOURCE,
                SLSA_ARTIFACT)),
        "--offline needs --trusted-root FILE");
  }

  @Test
  void rekorUrlWithOfflineIsAUsageError() {
    CommandRun run =
        verifyArtifactExactly(
            List.of(
                "--offline",
                "--trusted-root",
                ROOT,
                "--rekor-url",
                "https://rekor.sigstore.dev",
                "--provenance-path",
                ROOT,
                "--source-uri",
                SLSA_SOURCE,
                SLSA_ARTIFACT));

    assertUsage(run, "--rekor-url is for looking entries up online");
  }

  @Test
  void rekorUrlMustBeHttp() {
    CommandRun run =
        verifyArtifactExactly(
            List.of(
                "--trusted-root",
                ROOT,
                "--rekor-url",
                "rekor.sigstore.dev",
                "--provenance-path",
                ROOT,
                "--source-uri",
                SLSA_SOURCE,
                SLSA_ARTIFACT));

    assertUsage(run, "--rekor-url takes http(s)://HOST[:PORT]");
  }

  @Test
  void unreadableTlsCaFileIsAUsageError() {
    CommandRun run =
        verifyArtifactExactly(
            Map.of(TlsCaVariable.NAME, temp.resolve("missing.pem").toString()),
            List.of(
                "--trusted-root",
                ROOT,
                "--provenance-path",
                ROOT,
                "--source-uri",
                SLSA_SOURCE,
                SLSA_ARTIFACT));

    assertUsage(run, "PROVENANCE_ACTION_TLS_CA names ");
  }

  private Path mergedJsonl() throws IOException {
    String slsa = Files.readString(Path.of(SLSA_JSONL)).strip();
    String attest = new ObjectMapper().readTree(Path.of(ATTEST_BUNDLE).toFile()).toString();
    return Files.writeString(temp.resolve("multiple.intoto.jsonl"), slsa + "\n" + attest + "\n");
  }

  private static void assertFailed(CommandRun run, String message) {
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("FAILED: "), run.err());
    assertTrue(run.err().contains(message), run.err());
    assertEquals("", run.out());
  }

  private static void assertUsage(CommandRun run, String message) {
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("error: " + message), run.err());
    assertTrue(run.err().contains("usage: verify-artifact"), run.err());
  }
}
