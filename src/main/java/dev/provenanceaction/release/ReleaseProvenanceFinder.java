package dev.provenanceaction.release;

import dev.provenanceaction.provenance.ProvenanceFileName;
import dev.provenanceaction.provenance.RunAttempt;
import dev.provenanceaction.provenance.StatementClaims;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kohsuke.github.GHAsset;
import org.kohsuke.github.GHRelease;

/**
 * Finds the provenance asset a release already holds, for a run that did not name one: a rebuild of
 * new wheels belongs in the release's existing file, not in a second asset named after a wheel.
 *
 * <p>A candidate is a {@code *.intoto.jsonl} asset whose every line is a Sigstore bundle of an
 * in-toto statement with an SLSA predicate; any other line disqualifies it, so that an unrelated
 * file of that suffix is never merged into. Assets whose lines all come from this run are not
 * candidates: they are a matrix sibling's or an earlier attempt's own files, which keep the names
 * they would have had without this search, however the jobs' timing falls.
 *
 * <p>Another job may be replacing an asset at the moment it is listed: the writer deletes it before
 * renaming the new content into its place, so its uploaded partial asset stands for it.
 */
final class ReleaseProvenanceFinder {
  // Listing again after an asset vanished while being read: each vanishing is another job's
  // completed replacement, so only a release whose assets keep changing exhausts these.
  private static final int LISTINGS = 5;

  private final GithubTransport transport;
  private final PublishLog log;

  ReleaseProvenanceFinder(GithubTransport transport, PublishLog log) {
    this.transport = transport;
    this.log = log;
  }

  /**
   * The name of the release's one provenance asset, or empty if it has none.
   *
   * @param ours this run's lines, which say which run this is
   * @throws ReleaseException if it has several, naming them; nothing was changed
   */
  Optional<String> find(GHRelease release, List<ProvenanceLine> ours)
      throws IOException, ReleaseException {
    Set<String> ourRuns =
        ours.stream()
            .flatMap(line -> line.run().stream())
            .map(RunAttempt::runId)
            .collect(Collectors.toSet());
    for (int listing = 1; listing <= LISTINGS; listing++) {
      Optional<List<String>> candidates = candidates(release, ourRuns);
      if (candidates.isEmpty()) {
        continue;
      }
      List<String> names = candidates.get();
      if (names.size() > 1) {
        throw new ReleaseException(
            "Several provenance assets",
            ReleaseLocator.describe(release)
                + " holds several provenance files: "
                + String.join(", ", names)
                + ". Set provenance-name to the one this run's provenance belongs in. Nothing was"
                + " changed.");
      }
      return names.stream().findFirst();
    }
    throw new ReleaseException(
        "Provenance assets keep changing",
        "the provenance assets of "
            + ReleaseLocator.describe(release)
            + " vanished while being read, "
            + LISTINGS
            + " times: other jobs keep replacing them. Set provenance-name, or run the job again."
            + " Nothing was changed.");
  }

  /** The candidates' names, or empty if an asset vanished while being read. */
  private Optional<List<String>> candidates(GHRelease release, Set<String> ourRuns)
      throws IOException {
    Map<String, GHAsset> byName = new LinkedHashMap<>();
    List<GHAsset> assets = Failures.allPages(release.listAssets().withPageSize(100));
    for (GHAsset asset : assets) {
      if (asset.getName().endsWith(ProvenanceFileName.SUFFIX)
          && "uploaded".equals(asset.getState())) {
        byName.put(asset.getName(), asset);
      }
    }
    for (GHAsset asset : assets) {
      Optional<String> replaced = replacedBy(asset.getName());
      if (replaced.isPresent() && "uploaded".equals(asset.getState())) {
        byName.putIfAbsent(replaced.get(), asset);
      }
    }
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, GHAsset> entry : byName.entrySet()) {
      GithubResponse content = transport.download(apiUri(entry.getValue()));
      if (content.status() == 404) {
        return Optional.empty();
      }
      if (!content.isSuccess()) {
        throw content.toException("download " + entry.getValue().getName());
      }
      Optional<String> refusal =
          refusal(new String(content.body(), StandardCharsets.UTF_8), ourRuns);
      if (refusal.isPresent()) {
        log.info("not merging into " + entry.getKey() + ": " + refusal.get());
      } else {
        names.add(entry.getKey());
      }
    }
    return Optional.of(names);
  }

  /**
   * The provenance asset that an upload of {@link ProvenanceAssetWriter} is to replace: it names
   * its upload {@code <asset>.<id>.partial}.
   */
  private static Optional<String> replacedBy(String name) {
    if (!name.endsWith(ProvenanceAssetWriter.PARTIAL_SUFFIX)) {
      return Optional.empty();
    }
    int end = name.lastIndexOf(ProvenanceFileName.SUFFIX + ".");
    return end <= 0
        ? Optional.empty()
        : Optional.of(name.substring(0, end + ProvenanceFileName.SUFFIX.length()));
  }

  /** Why the asset is not the release's provenance file for this run, if it is not. */
  private static Optional<String> refusal(String content, Set<String> ourRuns) {
    List<String> lines = MergedProvenance.splitLines(content);
    boolean othersLine = false;
    boolean any = false;
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      if (text.isBlank()) {
        continue;
      }
      any = true;
      ProvenanceLine line = ProvenanceLine.parse(text);
      if (!line.claims().map(StatementClaims::isProvenance).orElse(false)) {
        return Optional.of("line " + (i + 1) + " is not a Sigstore bundle of SLSA provenance");
      }
      othersLine |= line.run().map(run -> !ourRuns.contains(run.runId())).orElse(true);
    }
    if (!any) {
      return Optional.of("it is empty");
    }
    if (!othersLine) {
      return Optional.of("it holds only this run's provenance");
    }
    return Optional.empty();
  }

  private static URI apiUri(GHAsset asset) throws IOException {
    try {
      return asset.getUrl().toURI();
    } catch (URISyntaxException e) {
      throw new IOException("GitHub sent an invalid address: " + asset.getUrl(), e);
    }
  }
}
