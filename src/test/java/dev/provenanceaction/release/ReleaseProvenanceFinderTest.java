package dev.provenanceaction.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.GithubState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A run that did not name its provenance file finds the release's own: one candidate takes the
 * bundles, several stop the run before anything changes, anything else is left alone.
 */
class ReleaseProvenanceFinderTest extends ReleaseScenario {
  private static final String WHEEL_FILE = "pkg-1.0.0-cp313.whl.intoto.jsonl";

  private final String tagLine = SignedProvenance.line("100", 1, "pkg-1.0.0.tar.gz", "a.whl");
  private final String rebuildLine = SignedProvenance.line("200", 1, "pkg-1.0.0-cp313.whl");

  @Test
  void anUnnamedRebuildMergesIntoTheReleasesOneProvenanceAsset() throws Exception {
    GithubState.Release release = repository.addPublished(TAG);
    release.addAsset(ASSET, tagLine + "\n");
    release.addAsset("pkg-1.0.0.tar.gz", "sdist");

    ReleaseResult result = publishUnnamed(AssetConflict.MERGE);

    assertEquals(List.of(tagLine, rebuildLine), release.asset(ASSET).lines());
    assertNull(release.asset(WHEEL_FILE), "no second provenance asset");
    assertEquals(2, release.assets().size(), "no partial upload left");
    assertEquals(ASSET, result.provenanceName());
    assertEquals(ASSET, result.assetName());
    assertEquals(2, result.assetLineCount());
    assertEquals(1, log.notices.size(), log.notices.toString());
    assertTrue(
        log.notices.get(0).startsWith("Release provenance found: merging into " + ASSET),
        log.notices.get(0));
    assertTrue(log.notices.get(0).contains("provenance-name"), log.notices.get(0));
  }

  @Test
  void aRerunOfTheRebuildReplacesItsEarlierAttemptInTheFoundAsset() throws Exception {
    GithubState.Release release = repository.addPublished(TAG);
    String firstAttempt = SignedProvenance.line("200", 1, "pkg-1.0.0-cp313.whl");
    release.addAsset(ASSET, tagLine + "\n" + firstAttempt + "\n");
    String secondAttempt = SignedProvenance.line("200", 2, "pkg-1.0.0-cp313.whl");
    Path file = SignedProvenance.file(temp, WHEEL_FILE, secondAttempt);

    ReleaseResult result = publisher().publish(request(file, AssetConflict.MERGE, false, false));

    assertEquals(ASSET, result.provenanceName());
    assertEquals(List.of(tagLine, secondAttempt), release.asset(ASSET).lines());
  }

  @Test
  void severalCandidatesStopTheRunBeforeAnythingChanges() throws Exception {
    GithubState.Release release = repository.addPublished(TAG);
    release.addAsset(ASSET, tagLine + "\n");
    String other = SignedProvenance.line("150", 1, "b.whl");
    release.addAsset("b.whl.intoto.jsonl", other + "\n");
    Map<String, String> before = contents(release);

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publishUnnamed(AssetConflict.MERGE));

    assertEquals("Several provenance assets", e.title());
    assertTrue(e.getMessage().contains(ASSET + ", b.whl.intoto.jsonl"), e.getMessage());
    assertTrue(e.getMessage().contains("Set provenance-name"), e.getMessage());
    assertEquals(before, contents(release), "no asset changed");
    assertEquals(List.of(release), repository.releases(), "no release created");
    assertEquals(
        List.of(),
        github.requests().stream().filter(request -> !request.startsWith("GET ")).toList(),
        "only reads were sent");
  }

  @Test
  void aFileOfThatSuffixWhoseContentIsNotProvenanceIsIgnored() throws Exception {
    GithubState.Release release = repository.addPublished(TAG);
    String sbom =
        SignedProvenance.signed(
            ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a.whl\","
                    + "\"digest\":{\"sha256\":\""
                    + SignedProvenance.digestOf("a.whl")
                    + "\"}}],\"predicateType\":\"https://spdx.dev/Document\",\"predicate\":{}}")
                .getBytes(StandardCharsets.UTF_8),
            "100");
    release.addAsset("sbom.intoto.jsonl", sbom + "\n");
    release.addAsset("mixed.intoto.jsonl", tagLine + "\nnot a bundle\n");
    release.addAsset("empty.intoto.jsonl", "\n");
    Map<String, String> before = contents(release);

    ReleaseResult result = publishUnnamed(AssetConflict.MERGE);

    assertEquals(WHEEL_FILE, result.provenanceName());
    assertEquals(List.of(rebuildLine), release.asset(WHEEL_FILE).lines());
    before.forEach(
        (name, content) -> assertEquals(content, release.asset(name).text(), name + " changed"));
    assertEquals(List.of(), log.notices);
    String infos = String.join("\n", log.infos);
    assertTrue(
        infos.contains(
            "not merging into sbom.intoto.jsonl: line 1 is not a Sigstore bundle of SLSA"
                + " provenance"),
        infos);
    assertTrue(infos.contains("not merging into mixed.intoto.jsonl: line 2"), infos);
    assertTrue(infos.contains("not merging into empty.intoto.jsonl: it is empty"), infos);
  }

  @Test
  void anExplicitNameAddsItsOwnAssetAsToday() throws Exception {
    GithubState.Release release = repository.addPublished(TAG);
    release.addAsset(ASSET, tagLine + "\n");
    Path file = SignedProvenance.file(temp, WHEEL_FILE, rebuildLine);

    ReleaseResult result = publisher().publish(request(file, AssetConflict.MERGE, true, false));

    assertEquals(WHEEL_FILE, result.provenanceName());
    assertEquals(List.of(rebuildLine), release.asset(WHEEL_FILE).lines());
    assertEquals(List.of(tagLine), release.asset(ASSET).lines());
    String releaseFile = "/releases/assets/" + release.asset(ASSET).id();
    assertFalse(
        github.requests().stream().anyMatch(request -> request.endsWith(releaseFile)),
        "the release's file was not read");
  }

  @Test
  void replaceWithoutANameNeverReplacesTheReleasesFile() throws Exception {
    GithubState.Release release = repository.addPublished(TAG);
    release.addAsset(ASSET, tagLine + "\n");

    ReleaseResult result = publishUnnamed(AssetConflict.REPLACE);

    assertEquals(WHEEL_FILE, result.provenanceName());
    assertEquals(List.of(tagLine), release.asset(ASSET).lines());
    assertEquals(List.of(rebuildLine), release.asset(WHEEL_FILE).lines());
  }

  @Test
  void assetsMadeOnlyByThisRunKeepTheirOwnNames() throws Exception {
    GithubState.Release release = repository.addDraft(TAG);
    String sibling = SignedProvenance.line("200", 1, "pkg-1.0.0-cp312.whl");
    release.addAsset("pkg-1.0.0-cp312.whl.intoto.jsonl", sibling + "\n");

    ReleaseResult result = publishUnnamed(AssetConflict.MERGE);

    assertEquals(WHEEL_FILE, result.provenanceName());
    assertEquals(List.of(sibling), release.asset("pkg-1.0.0-cp312.whl.intoto.jsonl").lines());
    assertTrue(
        log.infos.contains(
            "not merging into pkg-1.0.0-cp312.whl.intoto.jsonl: it holds only this run's"
                + " provenance"),
        log.infos.toString());
  }

  @Test
  void anAssetBeingReplacedByAnotherJobIsFoundByItsUpload() throws Exception {
    GithubState.Release release = repository.addDraft(TAG);
    // Another job deleted the asset and has not yet renamed its upload into its place.
    release.addAsset(ASSET + ".0123abcd.partial", tagLine + "\n");

    ReleaseResult result = publishUnnamed(AssetConflict.MERGE);

    assertEquals(ASSET, result.provenanceName());
    assertNull(release.asset(WHEEL_FILE), "the rebuild did not start a file of its own");
    assertTrue(
        log.infos.contains(ASSET + ": another job is replacing it, waiting before merging"),
        log.infos.toString());
  }

  @Test
  void anAssetThatVanishesWhileReadIsLookedForAgain() throws Exception {
    GithubState.Release release = repository.addPublished(TAG);
    GithubState.Asset asset = release.addAsset(ASSET, tagLine + "\n");
    github.faults().failNext("GET", ".*/releases/assets/" + asset.id(), 1, 404, Map.of(), "Gone");

    ReleaseResult result = publishUnnamed(AssetConflict.MERGE);

    assertEquals(ASSET, result.provenanceName());
    assertEquals(List.of(tagLine, rebuildLine), release.asset(ASSET).lines());
  }

  @Test
  void assetsThatKeepVanishingStopTheRunUnchanged() throws Exception {
    GithubState.Release release = repository.addPublished(TAG);
    GithubState.Asset asset = release.addAsset(ASSET, tagLine + "\n");
    github.faults().failNext("GET", ".*/releases/assets/" + asset.id(), 5, 404, Map.of(), "Gone");

    ReleaseException e =
        assertThrows(ReleaseException.class, () -> publishUnnamed(AssetConflict.MERGE));

    assertEquals("Provenance assets keep changing", e.title());
    assertTrue(e.getMessage().contains("Set provenance-name"), e.getMessage());
    assertEquals(List.of(tagLine), release.asset(ASSET).lines());
    assertEquals(1, release.assets().size());
    assertEquals(0, github.faults().pendingCount());
  }

  private ReleaseResult publishUnnamed(AssetConflict conflict) throws Exception {
    Path file = SignedProvenance.file(temp, WHEEL_FILE, rebuildLine);
    return publisher().publish(request(file, conflict, false, false));
  }

  private static Map<String, String> contents(GithubState.Release release) {
    return release.assets().stream()
        .collect(Collectors.toMap(GithubState.Asset::name, GithubState.Asset::text));
  }
}
