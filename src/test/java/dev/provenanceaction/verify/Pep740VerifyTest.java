package dev.provenanceaction.verify;

import static dev.provenanceaction.testing.RealPypiFiles.PROVENANCE;
import static dev.provenanceaction.testing.RealPypiFiles.PUBLISH;
import static dev.provenanceaction.testing.RealPypiFiles.SAN;
import static dev.provenanceaction.testing.RealPypiFiles.SDIST;
import static dev.provenanceaction.testing.RealPypiFiles.SDIST_SHA256;
import static dev.provenanceaction.testing.RealPypiFiles.SLSA;
import static dev.provenanceaction.testing.RealPypiFiles.SOURCE;
import static dev.provenanceaction.verify.ProvenanceVerification.failure;
import static dev.provenanceaction.verify.ProvenanceVerification.verified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealPypiFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PyPI's PEP 740 files, real ones from pypi-attestations' test assets, read wherever a bundle is
 * and checked as bundles are: by verify-bundle's policy (any statement, an exact identity) and
 * verify-artifact's (provenance of the repository and ref). (The commands' flags and reports for
 * them are in {@code cli/Pep740CommandTest}.)
 */
class Pep740VerifyTest {
  private static final TrustedRoot ROOT =
      RealConformanceBundles.root(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT);
  private static final Artifact SDIST_ARTIFACT = new Artifact(SDIST, SDIST_SHA256);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void gitlabPublishAttestationVerifiesWithVerifyBundleOnly() throws Exception {
    String san =
        "https://gitlab.com/facutuesca/gitlab-oidc-project//.gitlab-ci.yml@refs/heads/main";
    Artifact artifact =
        new Artifact("sdist", "c1ca9b0d85df1606451098233018534497bf584362e10e4a8c21dfaea92c02a8");
    String gitlab = Fixtures.text(RealPypiFiles.GITLAB_PUBLISH);

    verified(gitlab, ROOT, exactIdentity(artifact, san, "https://gitlab.com"));
    Failure provenance =
        failure(
            gitlab,
            ROOT,
            VerificationPolicy.provenance(
                List.of(artifact),
                IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER)
                    .withSourceRepositoryUri("https://gitlab.com/facutuesca/gitlab-oidc-project")));

    assertTrue(
        provenance
            .message()
            .contains(
                "CERTIFICATE_ISSUER: expected "
                    + IdentityPolicy.GITHUB_ACTIONS_ISSUER
                    + ", found https://gitlab.com"),
        provenance.message());
  }

  @Test
  void googleCloudBuildProvenanceObjectVerifiesWithItsServiceAccount() throws Exception {
    VerifiedProvenance provenance =
        verified(
            Fixtures.text(RealPypiFiles.GCB_PROVENANCE),
            ROOT,
            exactIdentity(
                new Artifact(
                    "wheel", "461317362419124b6012e855423a9078d6de8aed3e74fa78cc74d669b23dc6cf"),
                "919436158236-compute@developer.gserviceaccount.com",
                "https://accounts.google.com"));

    assertTrue(
        provenance.place().contains("line 1 attestation_bundles[0].attestations[0]"),
        provenance.place());
  }

  @Test
  void verifyBundleTakesEachFileWithAnExactIdentity() throws Exception {
    for (String file : List.of(PUBLISH, SLSA, PROVENANCE)) {
      ArtifactResult result =
          ProvenanceVerification.verify(Fixtures.text(file), ROOT, exactIdentity(SAN)).get(0);

      assertTrue(result.isVerified(), file + ": " + result.failure());
    }
  }

  @Test
  void stagingPublishAttestationVerifiesWithTheStagingRoot() throws Exception {
    VerifiedProvenance provenance =
        verified(
            Fixtures.text(RealPypiFiles.STAGING_PUBLISH),
            RealConformanceBundles.root(RealPypiFiles.STAGING_ROOT),
            exactIdentity(
                new Artifact("wheel", RealPypiFiles.WHEEL_SHA256),
                "william@yossarian.net",
                "https://github.com/login/oauth"));

    assertEquals("william@yossarian.net", provenance.identity().subjectAlternativeName());
  }

  @Test
  void verifyBundleRefusesAnotherIdentity() {
    String other = SAN.replace("v0.0.19", "v0.0.20");
    Failure failure = failure(Fixtures.text(PUBLISH), ROOT, exactIdentity(other));

    assertTrue(
        failure
            .message()
            .contains("line 1: CERTIFICATE_IDENTITY: expected " + other + ", found " + SAN),
        failure.message());
  }

  @Test
  void verifyArtifactRefusesAnotherTag() {
    Failure failure =
        failure(
            Fixtures.text(PUBLISH),
            ROOT,
            VerificationPolicy.provenance(
                List.of(SDIST_ARTIFACT),
                IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER)
                    .withSourceRepositoryUri("https://" + SOURCE)
                    .withSourceRef("refs/tags/v0.0.18")));

    assertTrue(
        failure
            .message()
            .contains("SOURCE_REF: expected refs/tags/v0.0.18, found refs/tags/v0.0.19"),
        failure.message());
  }

  @Test
  void anotherDigestIsNotASubject() {
    Failure failure =
        failure(Fixtures.text(PUBLISH), ROOT, trailOfBits(new Artifact(SDIST, "ab".repeat(32))));

    assertTrue(
        failure.message().contains("SUBJECT_DIGEST: expected a subject with " + SDIST),
        failure.message());
  }

  @Test
  void aPublishAttestationInTheProvenanceObjectThatIsChangedFailsItsSignature() throws Exception {
    JsonNode provenance = JSON.readTree(Fixtures.text(PROVENANCE));
    JsonNode envelope = provenance.at("/attestation_bundles/0/attestations/0/envelope");
    Pep740MutationTest.flipBase64((ObjectNode) envelope, "signature", -1);

    Failure failure =
        failure(JSON.writeValueAsString(provenance), ROOT, trailOfBits(SDIST_ARTIFACT));

    assertTrue(
        failure
            .message()
            .contains("line 1 attestation_bundles[0].attestations[0]: DSSE_SIGNATURE: "),
        failure.message());
  }

  @Test
  void aRepeatedKeyIsRefusedBeforeAnyCheck() {
    String text = Fixtures.text(PUBLISH);
    String repeated = "{\"version\":2," + text.substring(1);

    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> ProvenanceFile.parse(repeated, trailOfBits(SDIST_ARTIFACT), false));

    assertTrue(
        e.getMessage().contains("PROVENANCE_FORMAT: expected Sigstore bundles in JSON")
            && e.getMessage().contains("Duplicate field 'version'"),
        e.getMessage());
  }

  /** What verify-artifact asks of pypi-attestations' files: its repository, tag v0.0.19. */
  private static VerificationPolicy trailOfBits(Artifact artifact) {
    return VerificationPolicy.provenance(
        List.of(artifact),
        IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER)
            .withSourceRepositoryUri("https://" + SOURCE)
            .withSourceRef("refs/tags/v0.0.19"));
  }

  /** What verify-bundle asks of the sdist's files: this GitHub Actions identity. */
  static VerificationPolicy exactIdentity(String san) {
    return exactIdentity(SDIST_ARTIFACT, san, IdentityPolicy.GITHUB_ACTIONS_ISSUER);
  }

  private static VerificationPolicy exactIdentity(Artifact artifact, String san, String issuer) {
    return VerificationPolicy.anyStatementOrBlob(
        List.of(artifact), IdentityPolicy.issuedBy(issuer).withSubjectAlternativeName(san));
  }
}
