package dev.provenanceaction.cli;

import static dev.provenanceaction.testing.CommandRun.ATTEST_ARTIFACT;
import static dev.provenanceaction.testing.CommandRun.ATTEST_BUNDLE;
import static dev.provenanceaction.testing.CommandRun.ROOT;
import static dev.provenanceaction.testing.CommandRun.SLSA_ARTIFACT;
import static dev.provenanceaction.testing.CommandRun.verifyBundleExactly;
import static dev.provenanceaction.testing.Fixtures.ATTEST_SAN;
import static dev.provenanceaction.testing.Fixtures.ATTEST_SHA256;
import static dev.provenanceaction.testing.Fixtures.SLSA_SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.CommandRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyBundleCommandTest {
  private static final String ISSUER = "https://token.actions.githubusercontent.com";

  @Test
  void attestBundleVerifiesItsArtifact() {
    CommandRun run = verifyBundle(ATTEST_SAN, ISSUER, ATTEST_ARTIFACT);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("PASSED: " + ATTEST_ARTIFACT), run.out());
  }

  @Test
  void attestBundleVerifiesADigest() {
    CommandRun run = verifyBundle(ATTEST_SAN, ISSUER, "--digest", "sha256:" + ATTEST_SHA256);

    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void wrongIdentityFails() {
    String other = ATTEST_SAN.replace("refs/heads/main", "refs/heads/dev");
    CommandRun run = verifyBundle(other, ISSUER, ATTEST_ARTIFACT);

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("CERTIFICATE_IDENTITY: expected " + other + ", found " + ATTEST_SAN),
        run.err());
  }

  @Test
  void wrongIssuerFails() {
    CommandRun run = verifyBundle(ATTEST_SAN, "https://accounts.google.com", ATTEST_ARTIFACT);

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains("CERTIFICATE_ISSUER: expected https://accounts.google.com, found " + ISSUER),
        run.err());
  }

  @Test
  void wrongArtifactFails() {
    CommandRun run = verifyBundle(ATTEST_SAN, ISSUER, SLSA_ARTIFACT);

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "SUBJECT_DIGEST: expected a subject with "
                    + SLSA_ARTIFACT
                    + "'s digest sha256:"
                    + SLSA_SHA256),
        run.err());
  }

  @Test
  void usageErrorsExitTwoWithAMessage() {
    assertUsage(
        verifyBundle(ATTEST_SAN, ISSUER, ATTEST_ARTIFACT, "--digest", "sha256:" + ATTEST_SHA256),
        "give one ARTIFACT or --digest sha256:HEX");
    assertUsage(verifyBundle(ATTEST_SAN, ISSUER), "give one ARTIFACT or --digest sha256:HEX");
    assertUsage(
        verifyBundle(ATTEST_SAN, ISSUER, "--digest", "sha512:abc"),
        "--digest takes sha256: and 64 hex digits, found sha512:abc");
    assertUsage(
        verifyBundleExactly(
            List.of(
                "--bundle", ATTEST_BUNDLE, "--certificate-oidc-issuer", ISSUER, ATTEST_ARTIFACT)),
        "--certificate-identity is required");
    assertUsage(
        verifyBundleExactly(
            List.of(
                "--offline",
                "--bundle",
                ATTEST_BUNDLE,
                "--certificate-identity",
                ATTEST_SAN,
                "--certificate-oidc-issuer",
                ISSUER,
                ATTEST_ARTIFACT)),
        "--offline needs --trusted-root FILE");
  }

  private static CommandRun verifyBundle(String identity, String issuer, String... rest) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--trusted-root",
                ROOT,
                "--offline",
                "--bundle",
                ATTEST_BUNDLE,
                "--certificate-identity",
                identity,
                "--certificate-oidc-issuer",
                issuer));
    args.addAll(List.of(rest));
    return verifyBundleExactly(args);
  }

  private static void assertUsage(CommandRun run, String message) {
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("error: " + message), run.err());
    assertTrue(run.err().contains("usage: verify-bundle"), run.err());
  }
}
