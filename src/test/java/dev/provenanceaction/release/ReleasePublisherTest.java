package dev.provenanceaction.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.GithubState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The release flows against the stateful GitHub double; each checks what the double holds. */
class ReleasePublisherTest extends ReleaseScenario {
  @Test
  void tagPushCreatesDraftAtTheCommitWithTheAsset() throws Exception {
    String line = SignedProvenance.line("100", 1, "pkg-1.0.0.tar.gz", "pkg-1.0.0-py3-none-any.whl");

    ReleaseResult result = publish(file(line), AssetConflict.MERGE);

    GithubState.Release draft = only(repository.releasesFor(TAG));
    assertTrue(draft.draft());
    assertEquals(SHA, draft.targetCommitish());
    assertEquals(List.of(line), draft.asset(ASSET).lines());
    assertEquals(1, draft.assets().size(), "no partial upload left");
    assertEquals(draft.id(), result.releaseId());
    assertTrue(result.releaseCreated());
    assertTrue(result.draft());
    assertEquals(ASSET, result.assetName());
    assertEquals(1, result.assetLineCount());
    assertTrue(
        github.requests().stream().anyMatch(r -> r.startsWith("POST uploads /repos/")),
        "uploads go to the upload_url origin");
    assertFalse(
        github.requests().stream()
            .anyMatch(r -> r.startsWith("POST api /repos/") && r.contains("/assets")));
  }

  @Test
  void existingDraftIsFoundBeyondTheFirstPage() throws Exception {
    GithubState.Release draft = repository.addDraft(TAG);
    repository.addOtherReleases(150);
    String line = SignedProvenance.line("100", 1, "a.whl");

    ReleaseResult result = publish(file(line), AssetConflict.MERGE);

    assertEquals(
        List.of(draft.id()), repository.releasesFor(TAG).stream().map(r -> r.id()).toList());
    assertEquals(151, repository.releases().size());
    assertEquals(List.of(line), draft.asset(ASSET).lines());
    assertFalse(result.releaseCreated());
    assertTrue(
        github.requests().stream().anyMatch(r -> r.contains("/releases?") && r.contains("page=2")));
  }

  @Test
  void severalDraftsUseTheNewestAndNameTheOthers() throws Exception {
    GithubState.Release older = repository.addDraft(TAG);
    GithubState.Release newer = repository.addDraft(TAG);
    String line = SignedProvenance.line("100", 1, "a.whl");

    ReleaseResult result = publish(file(line), AssetConflict.MERGE);

    assertEquals(newer.id(), result.releaseId());
    assertEquals(List.of(line), newer.asset(ASSET).lines());
    assertEquals(List.of(), older.assets());
    assertEquals(1, log.warnings.size());
    assertTrue(log.warnings.get(0).contains(Long.toString(older.id())), log.warnings.toString());
  }

  @Test
  void publishedMutableReleaseTakesTheAssetAndStaysPublished() throws Exception {
    GithubState.Release published = repository.addPublished(TAG);
    String line = SignedProvenance.line("100", 1, "a.whl");

    ReleaseResult result = publish(file(line), AssetConflict.MERGE);

    assertEquals(List.of(published), repository.releasesFor(TAG));
    assertFalse(published.draft());
    assertFalse(result.draft());
    assertEquals(List.of(line), published.asset(ASSET).lines());
  }

  @Test
  void immutableReleaseFailsAndStaysUntouched() throws Exception {
    GithubState.Release immutable = repository.addImmutable(TAG);
    Path file = file(SignedProvenance.line("100", 1, "a.whl"));

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publish(file, AssetConflict.MERGE));

    assertTrue(e.getMessage().contains("draft until the provenance is attached"), e.getMessage());
    assertEquals(List.of(immutable), repository.releasesFor(TAG));
    assertEquals(List.of(), immutable.assets());
  }

  @Test
  void missingReleaseWithoutDraftCreationFailsAndCreatesNothing() throws Exception {
    Path file = file(SignedProvenance.line("100", 1, "a.whl"));
    ReleaseRequest request =
        new ReleaseRequest(
            github.apiUrl(),
            GithubToken.of(TOKEN),
            SignedProvenance.REPOSITORY,
            TAG,
            SHA,
            false,
            AssetConflict.MERGE,
            file,
            ASSET,
            true,
            false);

    ReleaseException e = assertThrows(ReleaseException.class, () -> publisher().publish(request));

    assertTrue(e.getMessage().contains("draft-release"), e.getMessage());
    assertEquals(List.of(), repository.releases());
  }

  @Test
  void rerunAttemptReplacesItsEarlierLinesAndKeepsOtherJobs() throws Exception {
    GithubState.Release draft = repository.addDraft(TAG);
    String otherRun = SignedProvenance.line("99", 1, "old.whl");
    String attempt1 = SignedProvenance.line("100", 1, "a.whl");
    String otherJobAttempt1 = SignedProvenance.line("100", 1, "b.whl");
    draft.addAsset(ASSET, otherRun + "\n" + attempt1 + "\n" + otherJobAttempt1 + "\n");
    String attempt2 = SignedProvenance.line("100", 2, "a.whl");

    ReleaseResult result = publish(file(attempt2), AssetConflict.MERGE);

    assertEquals(List.of(otherRun, otherJobAttempt1, attempt2), draft.asset(ASSET).lines());
    assertEquals(3, result.assetLineCount());
    assertEquals(1, draft.assets().size());
  }

  @Test
  void rerunOfSlsaV02ProvenanceReplacesItsEarlierLines() throws Exception {
    GithubState.Release draft = repository.addDraft(TAG);
    String attempt1 =
        SignedProvenance.line(
            dev.provenanceaction.provenance.PredicateType.SLSA_V02, "100", 1, "a.whl");
    draft.addAsset(ASSET, attempt1 + "\n");
    String attempt2 =
        SignedProvenance.line(
            dev.provenanceaction.provenance.PredicateType.SLSA_V02, "100", 2, "a.whl");

    publish(file(attempt2), AssetConflict.MERGE);

    assertEquals(List.of(attempt2), draft.asset(ASSET).lines());
  }

  @Test
  void rebuildMergesIntoTheOriginalFileAndEveryArtifactVerifies() throws Exception {
    GithubState.Release published = repository.addPublished(TAG);
    String original = SignedProvenance.line("100", 1, "pkg-1.0.0.tar.gz", "pkg-1.0.0-cp312.whl");
    published.addAsset(ASSET, original + "\n");
    String rebuild = SignedProvenance.line("200", 1, "pkg-1.0.0-cp313.whl");

    publish(file(rebuild), AssetConflict.MERGE);

    List<String> lines = published.asset(ASSET).lines();
    assertEquals(List.of(original, rebuild), lines);
    for (String artifact :
        List.of("pkg-1.0.0.tar.gz", "pkg-1.0.0-cp312.whl", "pkg-1.0.0-cp313.whl")) {
      assertNotNull(
          ProvenanceFileCheck.verifiedBundleFor(lines, artifact), artifact + " has no bundle");
    }
  }

  @Test
  void unreadableLinesAreKeptAndReported() throws Exception {
    GithubState.Release draft = repository.addDraft(TAG);
    draft.addAsset(ASSET, "not a bundle\n{\"mediaType\":\"other\"}\n");
    String line = SignedProvenance.line("100", 1, "a.whl");

    publish(file(line), AssetConflict.MERGE);

    assertEquals(
        List.of("not a bundle", "{\"mediaType\":\"other\"}", line), draft.asset(ASSET).lines());
    assertEquals(1, log.warnings.size());
    assertTrue(log.warnings.get(0).contains("[1, 2]"), log.warnings.toString());
  }

  @Test
  void replaceDropsTheExistingLines() throws Exception {
    GithubState.Release draft = repository.addDraft(TAG);
    draft.addAsset(ASSET, SignedProvenance.line("99", 1, "old.whl") + "\n");
    String line = SignedProvenance.line("100", 1, "a.whl");

    publish(file(line), AssetConflict.REPLACE);

    assertEquals(List.of(line), draft.asset(ASSET).lines());
    assertEquals(1, draft.assets().size());
  }

  @Test
  void failLeavesTheExistingAssetAlone() throws Exception {
    GithubState.Release draft = repository.addDraft(TAG);
    String existing = SignedProvenance.line("99", 1, "old.whl");
    draft.addAsset(ASSET, existing + "\n");
    Path file = file(SignedProvenance.line("100", 1, "a.whl"));

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publish(file, AssetConflict.FAIL));

    assertTrue(e.getMessage().contains("asset-conflict"), e.getMessage());
    assertEquals(List.of(existing), draft.asset(ASSET).lines());
    assertEquals(1, draft.assets().size());
  }

  @Test
  void renamedAssetIsReportedByItsRealNameAndFoundAgain() throws Exception {
    GithubState.Release draft = repository.addDraft(TAG);
    String first = SignedProvenance.line("100", 1, "a.whl");
    String wanted = "my provenance.intoto.jsonl";

    ReleaseResult result =
        publisher()
            .publish(request(SignedProvenance.file(temp, wanted, first), AssetConflict.MERGE));

    assertEquals("my.provenance.intoto.jsonl", result.assetName());
    assertTrue(log.warnings.stream().anyMatch(w -> w.contains("my.provenance.intoto.jsonl")));
    String second = SignedProvenance.line("200", 1, "b.whl");
    publisher().publish(request(SignedProvenance.file(temp, wanted, second), AssetConflict.MERGE));
    assertEquals(List.of(first, second), draft.asset("my.provenance.intoto.jsonl").lines());
    assertEquals(1, draft.assets().size());
  }

  @Test
  void attestationsAreStoredOnePerBundle() throws Exception {
    String line = SignedProvenance.line("100", 1, "a.whl");

    ReleaseResult result = publisher().publish(request(file(line), AssetConflict.MERGE, true));

    assertEquals(1, result.attestationIds().size());
    assertEquals(1, repository.attestations().size());
    assertTrue(repository.attestations().get(0).startsWith("{\"bundle\":{\"mediaType\""));
  }

  @Test
  void refusedAttestationIsAWarningWithTheFix() throws Exception {
    repository.refuseAttestations(403);
    String line = SignedProvenance.line("100", 1, "a.whl");

    ReleaseResult result = publisher().publish(request(file(line), AssetConflict.MERGE, true));

    assertEquals(List.of(), result.attestationIds());
    assertEquals(List.of(line), only(repository.releasesFor(TAG)).asset(ASSET).lines());
    assertTrue(
        log.warnings.stream().anyMatch(w -> w.contains("attestations: write")),
        log.warnings.toString());
  }

  @Test
  void concurrentMatrixMergesLoseNoLine() throws Exception {
    GithubState.Release draft = repository.addDraft(TAG);
    String original = SignedProvenance.line("100", 1, "pkg.tar.gz");
    draft.addAsset(ASSET, original + "\n");
    List<String> jobLines = new ArrayList<>();
    List<Callable<ReleaseResult>> jobs = new ArrayList<>();
    for (String platform :
        List.of("linux", "macos", "windows", "musl", "arm64", "ppc64le", "s390x", "i686")) {
      String line = SignedProvenance.line("200", 1, "pkg-" + platform + ".whl");
      jobLines.add(line);
      Path file = SignedProvenance.file(Files.createDirectory(temp.resolve(platform)), ASSET, line);
      // Each job runs on its own runner, with its own clock and deadline, and its jittered waits
      // spread it from the others in real time, at a hundredth of their length.
      jobs.add(() -> publisher(new FakeTime(100)).publish(request(file, AssetConflict.MERGE)));
    }

    ExecutorService matrix = Executors.newFixedThreadPool(jobs.size());
    try {
      for (Future<ReleaseResult> job : matrix.invokeAll(jobs)) {
        job.get();
      }
    } finally {
      matrix.shutdownNow();
    }

    List<String> lines = draft.asset(ASSET).lines();
    assertEquals(1 + jobLines.size(), lines.size(), lines.toString());
    assertTrue(lines.contains(original));
    assertTrue(lines.containsAll(jobLines));
    assertEquals(1, draft.assets().size(), "no partial upload left");
  }

  @Test
  void theTokenAppearsInNoLogErrorOrValue() throws Exception {
    ReleaseRequest request =
        request(file(SignedProvenance.line("100", 1, "a.whl")), AssetConflict.MERGE);
    ReleaseResult result = publisher().publish(request);
    ReleaseRequest wrongToken =
        new ReleaseRequest(
            github.apiUrl(),
            GithubToken.of("ghs_wrong" + TOKEN),
            SignedProvenance.REPOSITORY,
            TAG,
            SHA,
            true,
            AssetConflict.MERGE,
            request.provenanceFile(),
            ASSET,
            true,
            false);
    ReleaseException refused =
        assertThrows(ReleaseException.class, () -> publisher().publish(wrongToken));

    assertFalse(request.toString().contains(TOKEN));
    assertFalse(result.toString().contains(TOKEN));
    assertFalse(String.valueOf(refused.getMessage()).contains(TOKEN));
    assertTrue(refused.getMessage().contains("token"), refused.getMessage());
    for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
      assertFalse(String.valueOf(cause.getMessage()).contains(TOKEN), cause.toString());
    }
  }
}
