package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.provenanceaction.testing.Fixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentityPolicyTest {
  @Test
  void readsFulciosGitHubExtensions() throws Exception {
    CertificateIdentity identity =
        CertificateIdentity.of(
            ProvenanceChecksTest.bundle(Fixtures.SLSA_GENERATOR_JSONL).certificate());

    assertEquals(Fixtures.SLSA_SAN, identity.subjectAlternativeName());
    assertEquals(Optional.of(IdentityPolicy.GITHUB_ACTIONS_ISSUER), identity.issuer());
    assertEquals(Optional.of(Fixtures.SLSA_SAN), identity.buildSignerUri());
    assertEquals(
        Optional.of("https://github.com/slsa-framework/example-package"),
        identity.sourceRepositoryUri());
    assertEquals(Optional.of("refs/tags/v14"), identity.sourceRef());
  }

  @Test
  void issuerAloneAcceptsAnyIdentityOfIt() throws Exception {
    IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER).check(identity());
  }

  @Test
  void eachFieldFailsWithItsOwnCheck() {
    IdentityPolicy base = IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER);

    assertFails(
        IdentityPolicy.issuedBy("https://accounts.google.com"),
        PolicyCheck.CERTIFICATE_ISSUER,
        "https://token.actions.githubusercontent.com");
    assertFails(
        base.withSubjectAlternativeName("https://github.com/o/r/.github/workflows/x.yml@main"),
        PolicyCheck.CERTIFICATE_IDENTITY,
        "https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1");
    assertFails(
        base.withSourceRepositoryUri("https://github.com/o/other"),
        PolicyCheck.SOURCE_REPOSITORY,
        "https://github.com/o/r");
    assertFails(base.withSourceRef("refs/tags/v2"), PolicyCheck.SOURCE_REF, "refs/tags/v1");
    assertFails(
        base.withBuilderId("https://github.com/o/r/.github/workflows/other.yml"),
        PolicyCheck.BUILDER_ID,
        "https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1");
  }

  @Test
  void builderIdWithRefMustMatchExactly() throws Exception {
    IdentityPolicy base = IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER);
    base.withBuilderId("https://github.com/o/r/.github/workflows/release.yml").check(identity());
    base.withBuilderId("https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1")
        .check(identity());
    assertFails(
        base.withBuilderId("https://github.com/o/r/.github/workflows/release.yml@refs/tags/v0"),
        PolicyCheck.BUILDER_ID,
        "https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1");
  }

  @Test
  void missingExtensionIsFoundAsNone() {
    CertificateIdentity bare =
        new CertificateIdentity(
            "https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER).check(bare));
    assertEquals(
        "CERTIFICATE_ISSUER: expected " + IdentityPolicy.GITHUB_ACTIONS_ISSUER + ", found none",
        e.getMessage());
  }

  private static void assertFails(IdentityPolicy policy, PolicyCheck check, String found) {
    PolicyException e = assertThrows(PolicyException.class, () -> policy.check(identity()));
    assertEquals(check, e.check());
    assertEquals(found, e.found());
  }

  private static CertificateIdentity identity() {
    String workflow = "https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1";
    return new CertificateIdentity(
        workflow,
        Optional.of(IdentityPolicy.GITHUB_ACTIONS_ISSUER),
        Optional.of(workflow),
        Optional.of("https://github.com/o/r"),
        Optional.of("refs/tags/v1"));
  }
}
