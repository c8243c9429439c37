package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.tuf.TufMirrors;
import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.LoopbackSigstore;
import dev.provenanceaction.testing.LoopbackSigstore.Layout;
import dev.provenanceaction.testing.Sha256;
import dev.provenanceaction.testing.TimestampAuthorityServer;
import dev.provenanceaction.testing.TufRepository;
import dev.provenanceaction.verify.BundleVerifier;
import dev.provenanceaction.verify.VerifiedBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action signing as the instance's signing config selects, against loopback doubles of each
 * service: Rekor v1 or v2, with the timestamp authorities its selector picks, skipping services
 * outside their validity. Each bundle is verified here and kept for sigstore-js.
 */
class SigningConfigEndToEndTest {
  private static final String SUMS = "a".repeat(64) + "  octo_pkg-1.2.3-py3-none-any.whl\n";
  private static final String PROVENANCE = "octo_pkg-1.2.3-py3-none-any.whl.intoto.jsonl";

  @TempDir Path temp;

  private record Signed(ActionRun run, SigstoreBundle bundle, VerifiedBundle verified) {}

  /** A run, not yet started, of a public repository's release signing with {@code instance}. */
  private ActionRun action(LoopbackSigstore sigstore, String instance) {
    sigstore.oidc().setClaims(ActionRun.claims("public"));
    return new ActionRun(temp.resolve("run"))
        .env(sigstore.oidcEnvironment())
        .input("sigstore", instance)
        .input("subject-base64", base64(SUMS))
        .input("upload-assets", "false");
  }

  /** Runs the action with the loopback instance's own directory as its {@code sigstore}. */
  private ActionRun run(LoopbackSigstore sigstore) {
    return action(sigstore, sigstore.directory().toString()).run();
  }

  private Signed sign(LoopbackSigstore sigstore, String keepAs) throws Exception {
    return signed(run(sigstore), sigstore, keepAs);
  }

  /** The bundle of a run that succeeded, verified against the instance's trusted root, kept. */
  private static Signed signed(ActionRun run, LoopbackSigstore sigstore, String keepAs)
      throws Exception {
    assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
    Path provenance = run.workspace().resolve(PROVENANCE);
    SigstoreBundle bundle = SigstoreBundle.parse(Files.readString(provenance).strip());
    VerifiedBundle verified =
        BundleVerifier.create(TrustedRoot.parse(Files.readAllBytes(sigstore.trustedRoot())))
            .verify(bundle);
    sigstore.keepForSigstoreJs(keepAs, provenance);
    return new Signed(run, bundle, verified);
  }

  @Test
  void rekorV2LogsAHashedRekordOverThePaeAndTheTimestampDatesIt() throws Exception {
    try (LoopbackSigstore sigstore =
        LoopbackSigstore.start(temp.resolve("sigstore"), Layout.REKOR_V2)) {
      Instant before = Instant.now().minusSeconds(1);
      Signed signed = sign(sigstore, "loopback-rekor-v2-tsa");

      assertEquals("hashedrekord", signed.bundle().logEntry().kind());
      assertEquals("0.0.2", signed.bundle().logEntry().version());
      assertNull(signed.bundle().logEntry().signedEntryTimestamp(), "Rekor v2 gives no SET");
      assertEquals(0, signed.bundle().logEntry().integratedTime());
      assertEquals(1, signed.bundle().rfc3161Timestamps().size());
      assertEquals(0, sigstore.rekor().log().size(), "the v1 log is not written to");
      assertEquals(1, sigstore.rekorV2().size());
      assertEquals(1, sigstore.timestampAuthorities().get(0).issued());

      JsonNode request = sigstore.rekorV2().requests().get(0).get("hashedRekordRequestV002");
      byte[] pae = signed.bundle().envelope().pae();
      assertArrayEquals(Sha256.of(pae), Base64.getDecoder().decode(request.get("digest").asText()));
      assertEquals(
          "PKIX_ECDSA_P256_SHA_256", request.at("/signature/verifier/keyDetails").asText());
      // The signing time is the timestamp's: the summary shows it, not the epoch.
      Instant signedAt = signed.verified().integratedTime();
      assertTrue(!signedAt.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
      assertTrue(signedAt.isBefore(Instant.now().plus(Duration.ofSeconds(1))));
      assertTrue(
          signed
              .run()
              .summary()
              .contains("integrated " + Instant.ofEpochSecond(signedAt.getEpochSecond())),
          signed.run().summary());
    }
  }

  @Test
  void rekorV1WithATimestampAuthorityListedAlsoCarriesItsTimestamp() throws Exception {
    Layout layout = new Layout(false, 1, Map.of("selector", "ANY"), false);
    try (LoopbackSigstore sigstore = LoopbackSigstore.start(temp.resolve("sigstore"), layout)) {
      Signed signed = sign(sigstore, "loopback-rekor-v1-tsa");

      assertEquals("dsse", signed.bundle().logEntry().kind());
      assertEquals("0.0.1", signed.bundle().logEntry().version());
      assertNotEquals(null, signed.bundle().logEntry().signedEntryTimestamp());
      assertEquals(1, signed.bundle().rfc3161Timestamps().size());
      assertEquals(1, sigstore.rekor().log().size());
    }
  }

  @Test
  void stagingThroughTufSignsWithRekorV2AndATimestampOnDoublesOfStagingsShape() throws Exception {
    try (LoopbackSigstore sigstore =
            LoopbackSigstore.start(temp.resolve("sigstore"), Layout.REKOR_V2);
        TufRepository repository =
            TufRepository.start(
                sigstore.tls(),
                Map.of(
                    "trusted_root.json",
                    Files.readAllBytes(sigstore.trustedRoot()),
                    "signing_config.v0.2.json",
                    Files.readAllBytes(sigstore.directory().resolve("signing_config.json"))))) {
      ActionRun run =
          action(sigstore, "staging")
              .tufMirrors(
                  new TufMirrors(repository.mirror("public-good"), repository.mirror("staging")))
              .env("RUNNER_TEMP", temp.resolve("runner-temp").toString())
              .run();
      Signed signed = signed(run, sigstore, "loopback-staging-tuf-rekor-v2");

      assertTrue(run.summary().contains("Signed with Sigstore (staging)"), run.summary());
      assertTrue(
          Files.isDirectory(temp.resolve("runner-temp/provenance-action/tuf/staging")),
          "staging's own TUF cache");
      assertEquals("hashedrekord", signed.bundle().logEntry().kind());
      assertEquals(1, signed.bundle().rfc3161Timestamps().size());
    }
  }

  @Test
  void tsaSelectorAllAsksEveryAuthority() throws Exception {
    Layout layout = new Layout(true, 2, Map.of("selector", "ALL"), false);
    try (LoopbackSigstore sigstore = LoopbackSigstore.start(temp.resolve("sigstore"), layout)) {
      Signed signed = sign(sigstore, "loopback-rekor-v2-all-tsas");

      assertEquals(2, signed.bundle().rfc3161Timestamps().size());
      for (TimestampAuthorityServer tsa : sigstore.timestampAuthorities()) {
        assertEquals(1, tsa.issued());
      }
    }
  }

  @Test
  void tsaSelectorExactAsksThatManyAuthorities() throws Exception {
    Layout layout = new Layout(true, 3, Map.of("selector", "EXACT", "count", 2), false);
    try (LoopbackSigstore sigstore = LoopbackSigstore.start(temp.resolve("sigstore"), layout)) {
      Signed signed = sign(sigstore, "loopback-rekor-v2-exact-2-tsas");

      assertEquals(2, signed.bundle().rfc3161Timestamps().size());
      assertEquals(
          List.of(1L, 1L, 0L),
          sigstore.timestampAuthorities().stream().map(TimestampAuthorityServer::issued).toList());
    }
  }

  @Test
  void servicesOutsideTheirValidityAreSkipped() throws Exception {
    // The config also lists a Fulcio starting tomorrow and a newer Rekor v2 log that ended, both
    // on a closed port, and a timestamp authority that ended: none is asked.
    try (LoopbackSigstore sigstore =
        LoopbackSigstore.start(temp.resolve("sigstore"), Layout.REKOR_V2.withExpiredServices())) {
      Signed signed = sign(sigstore, "loopback-rekor-v2-expired-skipped");

      assertEquals("hashedrekord", signed.bundle().logEntry().kind());
      assertEquals(1, sigstore.rekorV2().size());
      assertEquals(0, sigstore.expiredTimestampAuthority().issued());
      assertEquals(1, sigstore.timestampAuthorities().get(0).issued());
    }
  }

  @Test
  void aRekorV2LogWithoutATimestampAuthorityStopsTheRunBeforeAnyRequest() throws Exception {
    Layout layout = new Layout(true, 0, Map.of("selector", "ANY"), false);
    try (LoopbackSigstore sigstore = LoopbackSigstore.start(temp.resolve("sigstore"), layout)) {
      ActionRun run = run(sigstore);

      assertNotEquals(0, run.exitCode());
      assertTrue(
          run.stdout().contains("no tsaUrls entry valid now: its entries carry no time"),
          run.stdout());
      assertEquals(0, sigstore.oidc().requestCount(), "no token was asked for");
      assertEquals(0, sigstore.fulcio().requestCount());
      assertEquals(0, sigstore.rekorV2().size());
    }
  }

  @Test
  void aTimestampAuthorityThatKeepsFailingEndsTheRunNamingItAndWritesNothing() throws Exception {
    try (LoopbackSigstore sigstore =
        LoopbackSigstore.start(temp.resolve("sigstore"), Layout.REKOR_V2)) {
      sigstore.timestampAuthorities().get(0).failNext(100, 503);
      ActionRun run = run(sigstore);

      assertNotEquals(0, run.exitCode());
      assertTrue(run.stdout().contains("Timestamp authority localhost"), run.stdout());
      assertTrue(run.stdout().contains("HTTP 503"), run.stdout());
      assertEquals(0, sigstore.timestampAuthorities().get(0).issued());
      assertTrue(!Files.exists(run.workspace().resolve(PROVENANCE)), "no provenance file");
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
