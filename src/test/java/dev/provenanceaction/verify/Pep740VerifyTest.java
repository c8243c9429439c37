package dev.provenanceaction.verify;

import static dev.provenanceaction.testing.CommandRun.ROOT;
import static dev.provenanceaction.testing.CommandRun.verifyArtifact;
import static dev.provenanceaction.testing.CommandRun.verifyBundleExactly;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * test assets, wherever they read a bundle, with the same flags.
 */
class Pep740VerifyTest {
  private static final String ISSUER = "https://token.actions.githubusercontent.com";
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
  void gitlabPublishAttestationVerifiesWithVerifyBundleOnly() {
    String san =
        "https://gitlab.com/facutuesca/gitlab-oidc-project//.gitlab-ci.yml@refs/heads/main";
    String digest = "sha256:c1ca9b0d85df1606451098233018534497bf584362e10e4a8c21dfaea92c02a8";
    Path gitlab = Fixtures.path(RealPypiFiles.GITLAB_PUBLISH);

    CommandRun bundle =
        verifyBundleExactly(
            List.of(
                "--trusted-root",
                ROOT,
                "--offline",
                "--bundle",
                gitlab.toString(),
                "--certificate-identity",
                san,
                "--certificate-oidc-issuer",
                "https://gitlab.com",
                "--digest",
                digest));
    CommandRun artifact =
        verifyArtifact(
            "--provenance-path",
            gitlab.toString(),
            "--source-uri",
            "gitlab.com/facutuesca/gitlab-oidc-project",
            "--digest",
            digest);

    assertEquals(0, bundle.exitCode(), bundle.err());
    assertEquals(1, artifact.exitCode());
    assertTrue(
        artifact
            .err()
            .contains("CERTIFICATE_ISSUER: expected " + ISSUER + ", found https://gitlab.com"),
        artifact.err());
  }

  @Test
  void googleCloudBuildProvenanceObjectVerifiesWithItsServiceAccount() {
    CommandRun run =
        verifyBundleExactly(
            List.of(
                "--trusted-root",
                ROOT,
                "--offline",
                "--bundle",
                Fixtures.path(RealPypiFiles.GCB_PROVENANCE).toString(),
                "--certificate-identity",
                "919436158236-compute@developer.gserviceaccount.com",
                "--certificate-oidc-issuer",
                "https://accounts.google.com",
                "--digest",
                "sha256:461317362419124b6012e855423a9078d6de8aed3e74fa78cc74d669b23dc6cf"));

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("line 1 attestation_bundles[0].attestations[0]"), run.out());
  }

  @Test
  void verifyBundleTakesEachFileWithAnExactIdentity() {
    for (String file : List.of(PUBLISH, SLSA, PROVENANCE)) {
      CommandRun run = verifyBundle(Fixtures.path(file), SAN, "--digest", DIGEST);

      assertEquals(0, run.exitCode(), file + ": " + run.err());
    }
  }

  @Test
  void stagingPublishAttestationVerifiesWithTheStagingRoot() {
    CommandRun run =
        verifyBundleExactly(
            List.of(
                "--trusted-root",
                Fixtures.path(RealPypiFiles.STAGING_ROOT).toString(),
                "--offline",
                "--bundle",
                Fixtures.path(RealPypiFiles.STAGING_PUBLISH).toString(),
                "--certificate-identity",
                "william@yossarian.net",
                "--certificate-oidc-issuer",
                "https://github.com/login/oauth",
                "--digest",
                "sha256:" + RealPypiFiles.WHEEL_SHA256));

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("signed by william@yossarian.net"), run.out());
  }

  @Test
  void verifyBundleRefusesAnotherIdentity() {
    String other = SAN.replace("v0.0.19", "v0.0.20");
    CommandRun run = verifyBundle(Fixtures.path(PUBLISH), other, "--digest", DIGEST);

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("line 1: CERTIFICATE_IDENTITY: expected " + other + ", found " + SAN),
        run.err());
  }

  @Test
  void verifyArtifactRefusesAnotherTag() {
    CommandRun run =
        verifyArtifact(
            "--provenance-path",
            Fixtures.path(PUBLISH).toString(),
            "--source-uri",
            SOURCE,
            "--source-tag",
            "v0.0.18",
            "--digest",
            DIGEST);

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("SOURCE_REF: expected refs/tags/v0.0.18, found refs/tags/v0.0.19"),
        run.err());
  }

  @Test
  void anotherDigestIsNotASubject() {
    String other = "ab".repeat(32);
    CommandRun run =
        verifyTrailOfBits(Fixtures.path(PUBLISH), "--digest", "sha256:" + other, SDIST);

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("SUBJECT_DIGEST: expected a subject with " + SDIST), run.err());
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

  @Test
  void aPublishAttestationInTheProvenanceObjectThatIsChangedFailsItsSignature() throws Exception {
    JsonNode provenance = JSON.readTree(Files.readString(Fixtures.path(PROVENANCE)));
    JsonNode envelope = provenance.at("/attestation_bundles/0/attestations/0/envelope");
    Pep740MutationTest.flipBase64((ObjectNode) envelope, "signature", -1);

    CommandRun run = verifyTrailOfBits(write(provenance), "--digest", DIGEST);

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("line 1 attestation_bundles[0].attestations[0]: DSSE_SIGNATURE: "),
        run.err());
  }

  @Test
  void aRepeatedKeyIsRefusedBeforeAnyCheck() throws Exception {
    String text = Files.readString(Fixtures.path(PUBLISH));
    Path file = temp.resolve("repeated.attestation");
    Files.writeString(file, "{\"version\":2," + text.substring(1));

    CommandRun run = verifyTrailOfBits(file, "--digest", DIGEST);

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("PROVENANCE_FORMAT: expected Sigstore bundles in JSON")
            && run.err().contains("Duplicate field 'version'"),
        run.err());
  }

  private Path write(JsonNode document) throws Exception {
    Path file = Files.createTempFile(temp, "changed", ".attestation");
    Files.writeString(file, JSON.writeValueAsString(document));
    return file;
  }

  static CommandRun verifyTrailOfBits(Path file, String... args) {
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

  static CommandRun verifyBundle(Path file, String san, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--trusted-root",
                ROOT,
                "--offline",
                "--bundle",
                file.toString(),
                "--certificate-identity",
                san,
                "--certificate-oidc-issuer",
                ISSUER));
    all.addAll(List.of(args));
    return verifyBundleExactly(all);
  }
}
