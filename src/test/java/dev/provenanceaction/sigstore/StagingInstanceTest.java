package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.trust.SigningConfig;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.tuf.TufCache;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sigstore: staging} gets staging's trusted_root.json and signing_config.v0.2.json from TUF;
 * the instance made from the real files is ready to sign. (The TUF download is tested on its own.)
 */
class StagingInstanceTest {
  @TempDir Path directory;

  @Test
  void theRealStagingFilesMakeAnInstance() throws Exception {
    Files.write(
        directory.resolve(InstanceChoice.TRUSTED_ROOT_FILE),
        Fixtures.bytes(RealFiles.STAGING_ROOT));
    Files.write(
        directory.resolve(InstanceChoice.SIGNING_CONFIG_FILE),
        Fixtures.bytes(RealFiles.STAGING_SIGNING_CONFIG));
    List<String> log = new ArrayList<>();

    SigstoreInstance instance =
        SigstoreInstance.resolve(
            InstanceChoice.custom(directory),
            TufCache.in(directory.resolve("tuf")),
            SigningConfig.REKOR_VERSIONS,
            SigstoreInstance.httpFor(
                InstanceChoice.custom(directory), RetryPolicy.standard().withLog(log::add)));

    TrustedRoot root = instance.trustedRoot();
    assertNotNull(instance.signer());
    assertFalse(instance.ephemeral());
    assertEquals(3, root.ctLogs().size());
    assertEquals("PKCS1_RSA_PKCS1V5", root.ctLogs().get(0).keyDetails());
    assertTrue(root.unusableLogs().isEmpty());
    assertTrue(log.isEmpty(), log.toString());
  }

  @Test
  void theRealStagingSigningConfigSelectsFulcioRekorV2AndTheTimestampAuthority() throws Exception {
    SigningConfig config =
        SigningConfig.parse(
            Fixtures.bytes(RealFiles.STAGING_SIGNING_CONFIG),
            Instant.parse("2026-12-01T00:00:00Z"));

    assertEquals(URI.create("https://fulcio.sigstage.dev"), config.fulcioUrl());
    assertEquals(
        new SigningConfig.Service(URI.create("https://global.rekor.sigstage.dev"), 2),
        config.transparencyLog());
    assertEquals(
        List.of(URI.create("https://timestamp.sigstage.dev/api/v1/timestamp")),
        config.timestampAuthorities());
  }
}
