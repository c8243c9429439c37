package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.tuf.TufMirrors;
import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.LoopbackSigstore;
import dev.provenanceaction.testing.TufRepository;
import dev.provenanceaction.verify.BundleVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action with {@code sigstore: public-good} (the default), as the runner runs it, its TUF
 * repository a loopback one signed for real that publishes the loopback Sigstore's trust root and
 * signing config: it signs, caches the metadata in {@code RUNNER_TEMP}, and reports a refusal as an
 * annotation.
 */
class GenerateThroughTufTest {
  @TempDir Path temp;
  private LoopbackSigstore sigstore;
  private TufRepository repository;

  @BeforeEach
  void start() throws Exception {
    sigstore = LoopbackSigstore.start(temp.resolve("sigstore"));
    sigstore.oidc().setClaims(ActionRun.claims("public"));
    repository =
        TufRepository.start(
            sigstore.tls(),
            Map.of(
                "trusted_root.json",
                Files.readAllBytes(sigstore.trustedRoot()),
                "signing_config.v0.2.json",
                Files.readAllBytes(sigstore.directory().resolve("signing_config.json"))));
  }

  @AfterEach
  void stop() {
    repository.close();
    sigstore.close();
  }

  private ActionRun action(String name) {
    return new ActionRun(temp.resolve(name))
        .tufMirrors(new TufMirrors(repository.mirror("public-good"), repository.mirror("staging")))
        .env(sigstore.oidcEnvironment())
        .env("RUNNER_TEMP", temp.resolve("runner-temp").toString())
        .input(
            "subject-base64",
            Base64.getEncoder()
                .encodeToString(
                    ("a".repeat(64) + "  pkg-1.0.tar.gz\n").getBytes(StandardCharsets.UTF_8)))
        .input("upload-assets", "false");
  }

  @Test
  void signsWithTheInstanceTufPublishesAndTheNextRunInTheJobReusesTheCache() throws Exception {
    ActionRun first = action("first").run();

    assertEquals(0, first.exitCode(), first.stdout());
    Path provenance = first.workspace().resolve("pkg-1.0.tar.gz.intoto.jsonl");
    BundleVerifier.create(TrustedRoot.parse(Files.readAllBytes(sigstore.trustedRoot())))
        .verify(SigstoreBundle.parse(Files.readString(provenance).strip()));
    assertEquals(6, repository.requests().size(), repository.requests().toString());
    Path cache = temp.resolve("runner-temp/provenance-action/tuf/public-good");
    assertTrue(Files.isRegularFile(cache.resolve("timestamp.json")));

    repository.clearRequests();
    ActionRun second = action("second").run();

    assertEquals(0, second.exitCode(), second.stdout());
    assertEquals(List.of("2.root.json", "timestamp.json"), repository.requests());
  }

  @Test
  void anExpiredTimestampFailsTheStepWithAnAnnotationBeforeAnyTokenIsAskedFor() {
    repository.setTimestampLifetime(Duration.ofMinutes(-1));
    repository.refreshTimestamp();

    ActionRun run = action("expired").run();

    assertEquals(1, run.exitCode());
    String annotation =
        "::error title=TUF failed::TUF: the public-good repository "
            + repository.mirror("public-good").metadataUrl()
            + ": timestamp.json expired at ";
    assertTrue(run.stdout().contains(annotation), run.stdout());
    assertEquals(0, sigstore.oidc().requestCount());
    assertEquals(0, sigstore.fulcio().requestCount());
    assertFalse(Files.exists(run.workspace().resolve("pkg-1.0.tar.gz.intoto.jsonl")));
  }
}
