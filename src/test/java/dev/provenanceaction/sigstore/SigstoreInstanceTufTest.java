package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.oidc.JwtClaims;
import dev.provenanceaction.sigstore.trust.SigningConfig;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.tuf.TufCache;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.LoopbackSigstore;
import dev.provenanceaction.testing.MovableClock;
import dev.provenanceaction.testing.Sha256;
import dev.provenanceaction.testing.TufRepository;
import dev.provenanceaction.verify.BundleVerifier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sigstore: public-good} and {@code staging} as the action runs them, from the instance
 * choice to a ready instance, against a loopback TUF repository signed for real that publishes a
 * loopback Sigstore's trust root and signing config.
 */
class SigstoreInstanceTufTest {
  private static final String TRUSTED_ROOT = "trusted_root.json";
  private static final String SIGNING_CONFIG = "signing_config.v0.2.json";

  @TempDir static Path sigstoreDir;
  private static LoopbackSigstore sigstore;
  private static byte[] trustedRoot;
  private static byte[] signingConfig;

  @TempDir Path cacheDir;
  private TufRepository repository;
  private final List<String> log = new ArrayList<>();

  @BeforeAll
  static void startSigstore() throws Exception {
    sigstore = LoopbackSigstore.start(sigstoreDir.resolve("instance"));
    sigstore.oidc().setClaims(ActionRun.claims("public"));
    trustedRoot = Files.readAllBytes(sigstore.trustedRoot());
    signingConfig = Files.readAllBytes(sigstore.directory().resolve("signing_config.json"));
  }

  @AfterAll
  static void stopSigstore() {
    sigstore.close();
  }

  @BeforeEach
  void startRepository() {
    repository =
        TufRepository.start(
            sigstore.tls(), Map.of(TRUSTED_ROOT, trustedRoot, SIGNING_CONFIG, signingConfig));
  }

  @AfterEach
  void stopRepository() {
    repository.close();
  }

  private SigstoreInstance resolve(InstanceChoice.Kind kind, TufCache cache)
      throws SigstoreException {
    TufMirror mirror =
        repository.mirror(kind == InstanceChoice.Kind.STAGING ? "staging" : "public-good");
    InstanceChoice choice = new InstanceChoice(kind, null, mirror);
    return SigstoreInstance.resolve(
        choice,
        cache,
        SigningConfig.REKOR_VERSIONS,
        SigstoreInstance.httpFor(choice, RetryPolicy.standard().withLog(log::add)));
  }

  private SigstoreInstance resolve() throws SigstoreException {
    return resolve(InstanceChoice.Kind.PUBLIC_GOOD, TufCache.in(cacheDir));
  }

  private SigstoreException refusal(TufCache cache) {
    SigstoreException e =
        assertThrows(
            SigstoreException.class, () -> resolve(InstanceChoice.Kind.PUBLIC_GOOD, cache));
    assertEquals("TUF", e.service());
    return e;
  }

  private String prefix() {
    return "TUF: the public-good repository "
        + repository.mirror("public-good").metadataUrl()
        + ": ";
  }

  private static List<String> everyFile(int root, int snapshot, int targets) {
    return List.of(
        (root + 1) + ".root.json",
        "timestamp.json",
        snapshot + ".snapshot.json",
        targets + ".targets.json",
        "targets/" + Sha256.hex(trustedRoot) + "." + TRUSTED_ROOT,
        "targets/" + Sha256.hex(signingConfig) + "." + SIGNING_CONFIG);
  }

  @Test
  void aFreshCacheFetchesEveryRoleAndTheTwoTargetsAndTheInstanceSigns() throws Exception {
    SigstoreInstance instance = resolve();

    assertEquals(everyFile(1, 1, 1), repository.requests());
    assertEquals("public-good", instance.name());
    assertTrue(instance.publicLog());
    assertFalse(instance.ephemeral());
    assertArrayEquals(TrustedRoot.parse(trustedRoot).toJson(), instance.trustedRoot().toJson());
    // Ready: it signs with the Fulcio and Rekor the TUF-published signing config names, and the
    // TUF-published trusted root verifies what they made.
    byte[] statement =
        ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":"
                + "{\"sha256\":\""
                + Sha256.hex(new byte[0])
                + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}")
            .getBytes(StandardCharsets.UTF_8);
    SigstoreBundle bundle =
        instance
            .signer()
            .begin()
            .certify(JwtClaims.token(sigstore.oidc().issueToken("sigstore")))
            .signEach(List.of(statement), 1)
            .get(0);
    assertArrayEquals(
        statement, BundleVerifier.create(instance.trustedRoot()).verify(bundle).statement());
  }

  @Test
  void stagingIsNamedAsSuchAndItsLogIsNotPublicGoods() throws Exception {
    SigstoreInstance instance = resolve(InstanceChoice.Kind.STAGING, TufCache.in(cacheDir));

    assertEquals("staging", instance.name());
    assertFalse(instance.publicLog());
    assertTrue(Files.isRegularFile(cacheDir.resolve("staging").resolve("root.json")));
  }

  @Test
  void theCacheHoldsTheVerifiedMetadataAndTheTwoTargetsAndNothingHalfWritten() throws Exception {
    resolve();

    Path cache = cacheDir.resolve("public-good");
    try (var files = Files.walk(cache)) {
      assertEquals(
          List.of(
              "root.json",
              "snapshot.json",
              "targets.json",
              "targets/" + SIGNING_CONFIG,
              "targets/" + TRUSTED_ROOT,
              "timestamp.json"),
          files
              .filter(Files::isRegularFile)
              .map(file -> cache.relativize(file).toString())
              .sorted()
              .toList());
    }
    assertArrayEquals(trustedRoot, Files.readAllBytes(cache.resolve("targets/" + TRUSTED_ROOT)));
  }

  @Test
  void aDamagedCacheIsNamedWithTheWayOut() throws Exception {
    resolve();
    Path timestamp = cacheDir.resolve("public-good").resolve("timestamp.json");
    Files.writeString(timestamp, Files.readString(timestamp).substring(0, 40));

    SigstoreException e = refusal(TufCache.in(cacheDir));

    assertTrue(
        e.getMessage().startsWith(prefix() + "unusable metadata in the cache "), e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                " (if the cache was damaged, remove "
                    + cacheDir.resolve("public-good")
                    + " to start again from the initial root)"),
        e.getMessage());
  }

  @Test
  void anEmptyOrIncompleteCacheFileIsNamedWithTheWayOut() throws Exception {
    // What sigstore-java's model leaves unchecked: an empty file, a role's field left out, an
    // expiry that is no date. Each in a cache of its own.
    Map<String, UnaryOperator<String>> damages =
        Map.of(
            "timestamp.json",
            text -> "",
            "root.json",
            text -> text.replace("\"roles\"", "\"no-roles\""),
            "snapshot.json",
            text -> text.replaceAll("\"expires\":\"[^\"]*\"", "\"expires\":\"never\""));
    for (Map.Entry<String, UnaryOperator<String>> damage : damages.entrySet()) {
      TufCache cache = TufCache.in(cacheDir.resolve(damage.getKey()));
      resolve(InstanceChoice.Kind.PUBLIC_GOOD, cache);
      Path directory = cache.directory().resolve("public-good");
      Path file = directory.resolve(damage.getKey());
      Files.writeString(file, damage.getValue().apply(Files.readString(file)));

      SigstoreException e = refusal(cache);

      assertTrue(e.getMessage().startsWith(prefix() + "unusable metadata in "), e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  " (if the cache was damaged, remove "
                      + directory
                      + " to start again from the initial root)"),
          e.getMessage());
    }
  }

  @Test
  void aDamagedCachedTargetIsFetchedAgain() throws Exception {
    resolve();
    Path cached = cacheDir.resolve("public-good").resolve("targets").resolve(TRUSTED_ROOT);
    Files.writeString(cached, "{\"damaged\":");
    repository.clearRequests();

    SigstoreInstance again = resolve();

    assertEquals(
        List.of(
            "2.root.json",
            "timestamp.json",
            "targets/" + Sha256.hex(trustedRoot) + "." + TRUSTED_ROOT),
        repository.requests());
    assertArrayEquals(trustedRoot, Files.readAllBytes(cached));
    assertArrayEquals(TrustedRoot.parse(trustedRoot).toJson(), again.trustedRoot().toJson());
  }

  @Test
  void aSecondRunWithinTheMetadatasLifetimeAsksOnlyForTheNextRootAndTheTimestamp()
      throws Exception {
    resolve();
    repository.clearRequests();

    SigstoreInstance again = resolve();

    assertEquals(List.of("2.root.json", "timestamp.json"), repository.requests());
    assertEquals("public-good", again.name());
  }

  @Test
  void aCacheInAFreshDirectoryFetchesEverythingAgain(@TempDir Path otherCache) throws Exception {
    resolve();
    repository.clearRequests();

    resolve(InstanceChoice.Kind.PUBLIC_GOOD, TufCache.in(otherCache));

    assertEquals(everyFile(1, 1, 1), repository.requests());
  }

  @Test
  void aNewTimestampBringsNewSnapshotAndTargetsMetadataButNotTheUnchangedTargets()
      throws Exception {
    resolve();
    repository.refreshTimestamp();
    repository.clearRequests();

    resolve();

    assertEquals(
        List.of("2.root.json", "timestamp.json", "1.snapshot.json", "1.targets.json"),
        repository.requests());
  }

  @Test
  void aChangedTargetIsFetchedAgain() throws Exception {
    resolve();
    byte[] newRoot =
        new String(trustedRoot, StandardCharsets.UTF_8)
            .replace("}", " }")
            .getBytes(StandardCharsets.UTF_8);
    repository.putTarget(TRUSTED_ROOT, newRoot);
    repository.clearRequests();

    resolve();

    assertEquals(
        List.of(
            "2.root.json",
            "timestamp.json",
            "2.snapshot.json",
            "2.targets.json",
            "targets/" + Sha256.hex(newRoot) + "." + TRUSTED_ROOT),
        repository.requests());
  }

  @Test
  void aRootRotationSignedByTheOldAndTheNewKeysIsFollowed() throws Exception {
    resolve();
    repository.rotateRootKeys(true);
    repository.clearRequests();

    resolve();

    assertEquals(
        List.of(
            "2.root.json", "3.root.json", "timestamp.json", "1.snapshot.json", "1.targets.json"),
        repository.requests());
    assertTrue(
        Files.readString(cacheDir.resolve("public-good").resolve("root.json"))
            .contains("\"version\":2"));
    // A client that starts from 1.root.json follows the same chain.
    repository.clearRequests();
    resolve(InstanceChoice.Kind.PUBLIC_GOOD, TufCache.in(cacheDir.resolve("fresh")));
    assertEquals("2.root.json", repository.requests().get(0));
    assertEquals("3.root.json", repository.requests().get(1));
  }

  @Test
  void aRootSignedOnlyByNewKeysIsRefused() {
    repository.rotateRootKeys(false);

    SigstoreException e = refusal(TufCache.in(cacheDir));

    assertEquals(
        prefix()
            + "2.root.json carries 0 valid signature(s) by the keys trusted for its role, and 2"
            + " are required: refusing it",
        e.getMessage());
  }

  @Test
  void anExpiredTimestampIsRefused() {
    repository.setTimestampLifetime(Duration.ofHours(-1));
    repository.refreshTimestamp();

    SigstoreException e = refusal(TufCache.in(cacheDir));

    assertTrue(e.getMessage().startsWith(prefix() + "timestamp.json expired at "), e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                "): refusing stale metadata, from a repository that is no longer refreshed or one"
                    + " replaying old files (check the machine's clock too)"),
        e.getMessage());
  }

  @Test
  void aCachedTimestampThatHasSinceExpiredIsRefusedWhenTheRepositoryServesItStill()
      throws Exception {
    MovableClock clock = new MovableClock(Instant.now());
    resolve(InstanceChoice.Kind.PUBLIC_GOOD, new TufCache(cacheDir, clock));
    clock.advance(Duration.ofDays(2));

    SigstoreException e = refusal(new TufCache(cacheDir, clock));

    assertTrue(
        e.getMessage()
            .startsWith(
                prefix()
                    + "timestamp.json version 1 (cached in "
                    + cacheDir.resolve("public-good")
                    + ") expired at "),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                " and the repository offers no newer one: refusing metadata frozen in time (check"
                    + " the machine's clock too)"),
        e.getMessage());
  }

  @Test
  void aTimestampOlderThanTheCachedOneIsRefusedAsARollback() throws Exception {
    byte[] first = repository.timestamp();
    repository.refreshTimestamp();
    repository.refreshTimestamp();
    resolve();
    repository.replayTimestamp(first);

    SigstoreException e = refusal(TufCache.in(cacheDir));

    assertEquals(
        prefix()
            + "timestamp.json has version 1 where version 3 or later is trusted (cached in "
            + cacheDir.resolve("public-good")
            + "): refusing a rollback",
        e.getMessage());
  }

  @Test
  void aTargetWhoseBytesDoNotMatchItsSignedHashIsRefused() {
    byte[] forged = "{\"mediaType\":\"forged\"}".getBytes(StandardCharsets.UTF_8);
    repository.tamperWithTarget(TRUSTED_ROOT, forged);

    SigstoreException e = refusal(TufCache.in(cacheDir));

    assertEquals(
        prefix()
            + Sha256.hex(trustedRoot)
            + ".trusted_root.json does not match the hash its signed metadata gives, refusing it"
            + " (The hashes for trusted_root.json did not match expectations:; algorithm: sha256,"
            + " expected hash: "
            + Sha256.hex(trustedRoot)
            + ", computed hash: "
            + Sha256.hex(forged)
            + ")",
        e.getMessage());
    assertFalse(
        Files.exists(cacheDir.resolve("public-good").resolve("targets").resolve(TRUSTED_ROOT)),
        "a refused target is not cached");
  }

  @Test
  void aRepositoryThatAnswersWithAnErrorIsNamedWithTheFileAndTheStatus() {
    repository.failWith(403);

    SigstoreException e = refusal(TufCache.in(cacheDir));

    assertEquals(
        prefix()
            + "cannot fetch "
            + repository.mirror("public-good").metadataUrl()
            + "2.root.json: HTTP 403",
        e.getMessage());
    assertEquals(List.of("2.root.json"), repository.requests(), "403 is not retried");
  }

  @Test
  void aRepositoryThatMovedIsFollowedThroughItsRedirects() throws Exception {
    TufMirror moved = repository.movedMirror("public-good");
    InstanceChoice choice = new InstanceChoice(InstanceChoice.Kind.PUBLIC_GOOD, null, moved);

    SigstoreInstance instance =
        SigstoreInstance.resolve(
            choice,
            TufCache.in(cacheDir),
            SigningConfig.REKOR_VERSIONS,
            SigstoreInstance.httpFor(choice, RetryPolicy.standard()));

    assertArrayEquals(trustedRoot, instance.trustedRoot().toJson());
    List<String> asked = new ArrayList<>();
    for (String file : everyFile(1, 1, 1)) {
      asked.add("moved/" + file);
      asked.add(file);
    }
    assertEquals(asked, repository.requests());
  }

  @Test
  void aRepositoryThatNeverAnswersIsCutOffAtTheRunsDeadline() throws Exception {
    // Connections complete in the socket's backlog; nothing reads them, so no TLS handshake ends.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      TufMirror mirror =
          TufMirror.of(
              "public-good",
              URI.create("https://localhost:" + silent.getLocalPort()),
              repository.mirror("public-good").initialRoot(),
              sigstore.tls().clientTrust());
      // The run's deadline on a clock that moves with real time, begun 49 s before the update.
      long began = System.nanoTime();
      MovableClock moved = new MovableClock(Instant.EPOCH);
      InstantSource clock = () -> moved.instant().plusNanos(System.nanoTime() - began);
      Deadline deadline = Deadline.after(Deadline.RUN_BUDGET, clock);
      moved.advance(Deadline.RUN_BUDGET.minusSeconds(1));
      RetryPolicy retries =
          RetryPolicy.standard()
              .withLog(log::add)
              .withSleeper(moved::advance)
              .withDeadline(deadline);
      InstanceChoice choice = new InstanceChoice(InstanceChoice.Kind.PUBLIC_GOOD, null, mirror);

      SigstoreException e =
          assertThrows(
              SigstoreException.class,
              () ->
                  SigstoreInstance.resolve(
                      choice,
                      TufCache.in(cacheDir),
                      SigningConfig.REKOR_VERSIONS,
                      SigstoreInstance.httpFor(choice, retries)));

      assertEquals("TUF", e.service());
      String cannotFetch =
          "TUF: the public-good repository "
              + mirror.metadataUrl()
              + ": cannot fetch "
              + mirror.metadataUrl()
              + "2.root.json: gave up after 1 attempts in 50.";
      assertTrue(e.getMessage().startsWith(cannotFetch), e.getMessage());
      assertTrue(
          e.getMessage()
              .matches(".*last: SocketTimeoutException: connect timed out after \\d\\.\\d s"),
          e.getMessage());
      // The 5 s the client allows a connection would end 4 s past the budget.
      Duration taken = deadline.elapsed();
      assertTrue(taken.compareTo(Deadline.RUN_BUDGET.plusSeconds(3)) < 0, "the run took " + taken);
      assertEquals(List.of(), log, "no wait begun that would end past the deadline");
    }
  }
}
