package dev.provenanceaction.cli;

import static dev.provenanceaction.testing.CommandRun.verifyArtifact;
import static dev.provenanceaction.testing.RealPypiFiles.PROVENANCE;
import static dev.provenanceaction.testing.RealPypiFiles.PUBLISH;
import static dev.provenanceaction.testing.RealPypiFiles.SAN;
import static dev.provenanceaction.testing.RealPypiFiles.SDIST;
import static dev.provenanceaction.testing.RealPypiFiles.SDIST_SHA256;
import static dev.provenanceaction.testing.RealPypiFiles.SLSA;
import static dev.provenanceaction.testing.RealPypiFiles.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.testing.CommandRun;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealPypiFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-artifact and verify-bundle read PyPI's PEP 740 files, real ones from pypi-attestations'
 * test assets, wherever they read a bundle, with the same flags, {@code --digest} among them, and
 * report what they verified. (What the checks make of these files is in {@code
 * verify/Pep740VerifyTest}.)
 */
class Pep740CommandTest {
  private static final String DIGEST = "sha256:" + SDIST_SHA256;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void publishAttestationVerifiesTheSdistByDigestAndSaysWhatItDoesNotProve() {
    CommandRun run = verifyTrailOfBits(Fixtures.path(PUBLISH), "--digest", DIGEST, SDIST);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("PASSED: " + SDIST + " (sha256:" + SDIST_SHA256 + ")"));
    assertTrue(run.out().contains("line 1, signed by " + SAN), run.out());
    assertTrue(
        run.out()
            .contains(
                "a PyPI publish attestation: it says who uploaded the file to PyPI, not how it"
                    + " was built"),
        run.out());
  }

  @Test
  void slsaAttestationVerifiesWithItsBuildClaims() {
    CommandRun run =
        verifyTrailOfBits(
            Fixtures.path(SLSA),
            "--builder-id",
            SAN.substring(0, SAN.indexOf('@')),
            "--digest",
            DIGEST);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("PASSED: --digest (sha256:" + SDIST_SHA256 + ")"), run.out());
    assertTrue(!run.out().contains("publish attestation"), run.out());
  }

  @Test
  void provenanceObjectVerifiesAndNamesTheAttestation() {
    CommandRun run = verifyTrailOfBits(Fixtures.path(PROVENANCE), "--digest", DIGEST, SDIST);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out().contains("line 1 attestation_bundles[0].attestations[0], signed by " + SAN),
        run.out());
  }

  @Test
  void jsonNamesTheAttestationAndItsPredicateType() throws Exception {
    CommandRun run =
        verifyTrailOfBits(Fixtures.path(PROVENANCE), "--json", "--digest", DIGEST, SDIST);

    assertEquals(0, run.exitCode(), run.err());
    JsonNode artifact = JSON.readTree(run.out()).path("artifacts").path(0);
    assertEquals(SDIST, artifact.path("name").asText());
    assertEquals(1, artifact.path("line").asInt());
    assertEquals("attestation_bundles[0].attestations[0]", artifact.path("path").asText());
    assertEquals(
        "https://docs.pypi.org/attestations/publish/v1", artifact.path("predicateType").asText());
    assertEquals(SAN, artifact.path("subjectAlternativeName").asText());
  }

  @Test
  void sigstorePythonsProvenanceObjectVerifiesItsSdist() {
    CommandRun run =
        verifyArtifact(
            "--provenance-path",
            Fixtures.path(RealPypiFiles.SIGSTORE_PROVENANCE).toString(),
            "--source-uri",
            "github.com/sigstore/sigstore-python",
            "--source-tag",
            "v3.6.1",
            "--builder-id",
            "https://github.com/sigstore/sigstore-python/.github/workflows/release.yml",
            "--digest",
            "sha256:ee60fdc9236fd6709271ad53b44027461360c3fde155d2af15482e4c451ff865",
            "sigstore-3.6.1.tar.gz");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("PASSED: sigstore-3.6.1.tar.gz"), run.out());
  }

  @Test
  void theDigestOnDiskIsTheSameAsTheDigestGiven() throws Exception {
    Path artifact = temp.resolve(SDIST);
    Files.writeString(artifact, "not the sdist");

    CommandRun run = verifyTrailOfBits(Fixtures.path(PUBLISH), artifact.toString());

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("SUBJECT_DIGEST"), run.err());
  }

  @Test
  void badDigestSyntaxIsAUsageError() {
    for (String digest :
        List.of("sha512:" + SDIST_SHA256, "sha256:" + SDIST_SHA256.substring(1), SDIST_SHA256)) {
      CommandRun run = verifyTrailOfBits(Fixtures.path(PUBLISH), "--digest", digest);

      assertEquals(2, run.exitCode(), digest);
      assertTrue(
          run.err().startsWith("error: --digest takes sha256: and 64 hex digits, found " + digest),
          run.err());
      assertEquals("", run.out());
    }
  }

  @Test
  void aDigestNamesOneArtifact() {
    CommandRun run =
        verifyTrailOfBits(Fixtures.path(PUBLISH), "--digest", DIGEST, SDIST, "other.whl");

    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().startsWith("error: --digest checks one artifact: give at most one NAME with it"),
        run.err());
  }

  @Test
  void theDigestIsCheckedBeforeTheProvenanceIsRead() {
    CommandRun run =
        verifyTrailOfBits(temp.resolve("missing.attestation"), "--digest", "sha256:00");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("error: --digest takes sha256:"), run.err());
  }

  private static CommandRun verifyTrailOfBits(Path file, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--provenance-path",
                file.toString(),
                "--source-uri",
                SOURCE,
                "--source-tag",
                "v0.0.19"));
    all.addAll(List.of(args));
    return verifyArtifact(all.toArray(String[]::new));
  }
}
