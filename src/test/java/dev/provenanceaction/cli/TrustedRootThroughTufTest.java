package dev.provenanceaction.cli;

import static dev.provenanceaction.testing.CommandRun.ATTEST_ARTIFACT;
import static dev.provenanceaction.testing.CommandRun.ATTEST_BUNDLE;
import static dev.provenanceaction.testing.CommandRun.SLSA_ARTIFACT;
import static dev.provenanceaction.testing.CommandRun.SLSA_JSONL;
import static dev.provenanceaction.testing.Fixtures.ATTEST_SAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.CommandRun;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.Sha256;
import dev.provenanceaction.testing.TestTls;
import dev.provenanceaction.testing.TufRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify-artifact} and {@code verify-bundle} without {@code --trusted-root}: the real
 * public-good trusted root, published by a loopback TUF repository signed for real, fetched into
 * the user's cache directory ({@code XDG_CACHE_HOME}).
 */
class TrustedRootThroughTufTest {
  private static final String TRUSTED_ROOT = "trusted_root.json";
  private static final byte[] PUBLIC_GOOD_ROOT = Fixtures.bytes(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT);

  @TempDir Path cacheHome;
  private TufRepository repository;

  @BeforeEach
  void startRepository() {
    repository = TufRepository.start(TestTls.create(), Map.of(TRUSTED_ROOT, PUBLIC_GOOD_ROOT));
  }

  @AfterEach
  void stopRepository() {
    repository.close();
  }

  private CommandRun verifyArtifact(Path cache) {
    return CommandRun.verifyArtifactExactly(
        cacheEnvironment(cache),
        repository.mirror("public-good"),
        List.of(
            "--provenance-path",
            SLSA_JSONL,
            "--source-uri",
            "github.com/slsa-framework/example-package",
            SLSA_ARTIFACT));
  }

  private CommandRun verifyBundle(Path cache) {
    return CommandRun.verifyBundleExactly(
        cacheEnvironment(cache),
        repository.mirror("public-good"),
        List.of(
            "--bundle",
            ATTEST_BUNDLE,
            "--certificate-identity",
            ATTEST_SAN,
            "--certificate-oidc-issuer",
            "https://token.actions.githubusercontent.com",
            ATTEST_ARTIFACT));
  }

  private static Map<String, String> cacheEnvironment(Path cache) {
    return Map.of("XDG_CACHE_HOME", cache.toString());
  }

  private List<String> everyFile() {
    return List.of(
        "2.root.json",
        "timestamp.json",
        "1.snapshot.json",
        "1.targets.json",
        "targets/" + Sha256.hex(PUBLIC_GOOD_ROOT) + "." + TRUSTED_ROOT);
  }

  @Test
  void verifyArtifactFetchesThePublicGoodRootThroughTufAndTheNextRunReusesTheCache()
      throws Exception {
    CommandRun first = verifyArtifact(cacheHome);

    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().startsWith("PASSED: " + SLSA_ARTIFACT), first.out());
    assertEquals(everyFile(), repository.requests());
    Path cached =
        cacheHome.resolve("provenance-action/tuf/public-good/targets").resolve(TRUSTED_ROOT);
    assertEquals(Sha256.hex(PUBLIC_GOOD_ROOT), Sha256.hex(Files.readAllBytes(cached)));

    repository.clearRequests();
    CommandRun second = verifyArtifact(cacheHome);

    assertEquals(0, second.exitCode(), second.err());
    assertEquals(List.of("2.root.json", "timestamp.json"), repository.requests());
  }

  @Test
  void aCacheInAnotherDirectoryFetchesEverything(@TempDir Path otherHome) {
    verifyArtifact(cacheHome);
    repository.clearRequests();

    CommandRun run = verifyBundle(otherHome);

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(everyFile(), repository.requests());
  }

  @Test
  void aTamperedTrustedRootFailsEveryArtifactAndNamesTheFile() {
    repository.tamperWithTarget(TRUSTED_ROOT, "{}".getBytes(StandardCharsets.UTF_8));

    CommandRun run = verifyArtifact(cacheHome);

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .startsWith(
                "FAILED: "
                    + SLSA_ARTIFACT
                    + " (sha256:"
                    + Fixtures.SLSA_SHA256
                    + "): cannot get the public-good trusted root: TUF: the public-good repository "
                    + repository.mirror("public-good").metadataUrl()
                    + ": "
                    + Sha256.hex(PUBLIC_GOOD_ROOT)
                    + ".trusted_root.json does not match the hash its signed metadata gives,"
                    + " refusing it"),
        run.err());
    assertTrue(run.err().endsWith(" (pass --trusted-root FILE to verify offline)\n"), run.err());
  }

  @Test
  void anExpiredTimestampFailsVerifyBundle() {
    repository.setTimestampLifetime(Duration.ofMinutes(-5));
    repository.refreshTimestamp();

    CommandRun run = verifyBundle(cacheHome);

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains(": cannot get the public-good trusted root: TUF: the public-good"),
        run.err());
    assertTrue(run.err().contains(": timestamp.json expired at "), run.err());
  }
}
