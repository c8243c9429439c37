package dev.provenanceaction.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.testing.GithubState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GitHub's faults injected into the double: each scenario checks the releases and assets left
 * behind, the waits taken (on a fake clock) and that they were logged.
 */
class ReleaseFaultsTest extends ReleaseScenario {
  private static final String RELEASES = "/repos/.*/releases";
  private static final String UPLOAD = "/repos/.*/releases/[0-9]+/assets";

  @Test
  void givesUpWhenOtherJobsKeepReplacingTheAssetAndLeavesItAsItWas() throws Exception {
    GithubState.Release draft = repository.addDraft(TAG);
    String original = SignedProvenance.line("100", 1, "pkg.tar.gz");
    GithubState.Asset asset = draft.addAsset(ASSET, original + "\n");
    // Deleting the asset this run merged answers 404 every time: another job deleted it first.
    github
        .faults()
        .failNext(
            "DELETE",
            "/repos/.*/releases/assets/" + asset.id() + "$",
            1000,
            404,
            Map.of(),
            "Not Found");

    ReleaseException e =
        assertThrows(
            ReleaseException.class,
            () -> publish(file(SignedProvenance.line("200", 1, "a.whl")), AssetConflict.MERGE));

    // The rounds end at the run's deadline or after CONTENDED_ROUNDS, whichever comes first.
    int rounds = time.sleeps().size() + 1;
    assertTrue(rounds > 3 && rounds <= GithubRetryPolicy.CONTENDED_ROUNDS, "rounds: " + rounds);
    assertTrue(e.getMessage().contains("gave up after " + rounds + " rounds"), e.getMessage());
    assertEquals(List.of(original), draft.asset(ASSET).lines());
    assertEquals(1, draft.assets().size(), "no partial upload left");
    assertTrue(
        time.sleeps().stream().allMatch(wait -> wait.compareTo(Duration.ofSeconds(15)) <= 0),
        time.sleeps().toString());
    assertTrue(totalWait().compareTo(Deadline.RUN_BUDGET) <= 0, time.sleeps().toString());
  }

  @Test
  void serverErrorsAreRetriedWithGrowingWaits() throws Exception {
    github.faults().failNext("GET", RELEASES, 1, 500, Map.of());
    github.faults().failNext("GET", RELEASES, 1, 502, Map.of());
    github.faults().failNext("GET", RELEASES, 1, 503, Map.of());
    String line = SignedProvenance.line("100", 1, "a.whl");

    publish(file(line), AssetConflict.MERGE);

    assertEquals(List.of(line), only(repository.releasesFor(TAG)).asset(ASSET).lines());
    assertEquals(
        List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)),
        time.sleeps());
    assertEquals(3, log.infos.stream().filter(i -> i.contains("retrying in")).count());
  }

  @Test
  void secondaryRateLimitWaitsRetryAfter() throws Exception {
    github.faults().failNext("POST", RELEASES, 1, 403, Map.of("retry-after", "7"));
    String line = SignedProvenance.line("100", 1, "a.whl");

    publish(file(line), AssetConflict.MERGE);

    assertEquals(List.of(Duration.ofSeconds(7)), time.sleeps());
    assertTrue(
        log.infos.contains(
            "POST 127.0.0.1/repos/"
                + SignedProvenance.REPOSITORY
                + "/releases: HTTP 403 rate limited, retrying in 7.0 s (attempt 2 of 5)"),
        log.all());
    assertEquals(List.of(line), only(repository.releasesFor(TAG)).asset(ASSET).lines());
  }

  @Test
  void exhaustedRateLimitWaitsUntilTheReset() throws Exception {
    long reset = FakeTime.START.plusSeconds(30).getEpochSecond();
    github
        .faults()
        .failNext(
            "GET",
            RELEASES,
            1,
            429,
            Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset)));

    publish(file(SignedProvenance.line("100", 1, "a.whl")), AssetConflict.MERGE);

    assertEquals(List.of(Duration.ofSeconds(31)), time.sleeps());
    assertEquals(1, repository.releasesFor(TAG).size());
  }

  @Test
  void secondaryRateLimitWithoutHeadersIsGivenUpAtOnceAsAMinutePassesTheDeadline()
      throws Exception {
    github.faults().failNext("POST", UPLOAD, 1, 403, Map.of());
    var file = file(SignedProvenance.line("100", 1, "a.whl"));

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publish(file, AssetConflict.MERGE));

    assertEquals(List.of(), time.sleeps());
    assertTrue(e.getMessage().contains("GitHub rate-limited POST"), e.getMessage());
    assertTrue(e.getMessage().contains("asked to wait 60.0 s"), e.getMessage());
    assertTrue(e.getMessage().contains("no partial provenance asset"), e.getMessage());
    assertEquals(List.of(), only(repository.releasesFor(TAG)).assets());
  }

  @Test
  void missingPermissionIsNotRetriedAndCreatesNothing() throws Exception {
    github
        .faults()
        .failNext("POST", RELEASES, 1, 403, Map.of(), "Resource not accessible by integration");
    var file = file(SignedProvenance.line("100", 1, "a.whl"));

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publish(file, AssetConflict.MERGE));

    assertTrue(e.getMessage().contains("No release was changed"), e.getMessage());
    assertEquals(List.of(), time.sleeps());
    assertEquals(List.of(), repository.releases());
  }

  @Test
  void connectionDroppedMidUploadIsRetriedAndLeavesNoStarter() throws Exception {
    github.faults().dropNextUpload();
    String line = SignedProvenance.line("100", 1, "a.whl");

    publish(file(line), AssetConflict.MERGE);

    GithubState.Release draft = only(repository.releasesFor(TAG));
    assertEquals(List.of(ASSET), draft.assets().stream().map(GithubState.Asset::name).toList());
    assertEquals("uploaded", draft.asset(ASSET).state());
    assertEquals(List.of(line), draft.asset(ASSET).lines());
    assertTrue(log.infos.stream().anyMatch(i -> i.contains("state starter")), log.all());
  }

  @Test
  void badGatewayLeavingAStarterAssetIsCleanedUp() throws Exception {
    GithubState.Release draft = repository.addDraft(TAG);
    String original = SignedProvenance.line("99", 1, "old.whl");
    draft.addAsset(ASSET, original + "\n");
    github.faults().starterOnNextUpload();
    String line = SignedProvenance.line("100", 1, "a.whl");

    publish(file(line), AssetConflict.MERGE);

    assertEquals(List.of(ASSET), draft.assets().stream().map(GithubState.Asset::name).toList());
    assertEquals(List.of(original, line), draft.asset(ASSET).lines());
    assertEquals(1, time.sleeps().size());
  }

  @Test
  void attemptsAreBoundedAndTheNewDraftHoldsNoPartialAsset() throws Exception {
    github.faults().failNext("POST", UPLOAD, 20, 503, Map.of());
    var file = file(SignedProvenance.line("100", 1, "a.whl"));

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publish(file, AssetConflict.MERGE));

    GithubState.Release draft = only(repository.releasesFor(TAG));
    assertEquals(List.of(), draft.assets());
    assertTrue(e.getMessage().contains("created by this run"), e.getMessage());
    assertTrue(e.getMessage().contains("no partial provenance asset"), e.getMessage());
    assertEquals(4, time.sleeps().size(), "5 attempts, 4 waits");
    assertTrue(log.infos.stream().anyMatch(i -> i.contains("giving up after 5 attempts")));
  }

  @Test
  void aWaitPastTheTotalTimeIsNotTaken() throws Exception {
    github.faults().failNext("GET", RELEASES, 1, 429, Map.of("retry-after", "3600"));
    var file = file(SignedProvenance.line("100", 1, "a.whl"));

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publish(file, AssetConflict.MERGE));

    assertEquals(List.of(), time.sleeps());
    assertEquals(List.of(), repository.releases());
    assertTrue(log.infos.stream().anyMatch(i -> i.contains("giving up")), log.all());
    assertTrue(e.getMessage().contains("No release was changed"), e.getMessage());
    assertTrue(
        e.getMessage().contains("asked to wait 3600.0 s (retry-after: 3600 s), longer than the"),
        e.getMessage());
  }

  @Test
  void serverErrorOnCreateDoesNotMakeASecondDraft() throws Exception {
    github.faults().failNext("POST", RELEASES, 1, 502, Map.of());
    String line = SignedProvenance.line("100", 1, "a.whl");

    publish(file(line), AssetConflict.MERGE);

    assertEquals(List.of(line), only(repository.releasesFor(TAG)).asset(ASSET).lines());
    assertEquals(1, time.sleeps().size());
  }

  private Duration totalWait() {
    return time.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
  }
}
