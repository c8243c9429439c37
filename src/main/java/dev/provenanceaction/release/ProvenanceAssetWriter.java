package dev.provenanceaction.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.kohsuke.github.GHAsset;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.HttpException;

/**
 * Puts this run's bundles into the release's provenance asset without a moment in which the asset
 * holds less than it did, and without losing a line to a matrix job doing the same at the same
 * time.
 *
 * <p>GitHub cannot replace an asset in place, so each round uploads the new content under a name of
 * its own, deletes the asset it merged (by id: if another job deleted it first, that job merged it
 * and this round starts over from the job's result), renames the upload, and reads the asset back
 * to check that this run's lines are in it.
 */
final class ProvenanceAssetWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/octet-stream";
  static final String PARTIAL_SUFFIX = ".partial";

  private final GithubTransport transport;
  private final PublishLog log;

  ProvenanceAssetWriter(GithubTransport transport, PublishLog log) {
    this.transport = transport;
    this.log = log;
  }

  /** The asset as it is after the write, read back. */
  record WrittenAsset(String name, URI downloadUrl, int lineCount) {}

  /** The merged content could not be put in place; the message says what is on the release. */
  static final class AssetWriteException extends IOException {
    AssetWriteException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  WrittenAsset write(
      GHRelease release, String name, List<ProvenanceLine> ours, AssetConflict conflict)
      throws IOException, ReleaseException {
    Set<String> ourText = ours.stream().map(ProvenanceLine::text).collect(Collectors.toSet());
    boolean reportedUnreadable = false;
    GithubRetryPolicy.Rounds waits = transport.policy().startWaiting(name + ": wait for others");
    GithubRetryPolicy.Rounds races = transport.policy().startContended(name);
    boolean waitForOthers = true;
    while (true) {
      List<GHAsset> assets = listAssets(release);
      Optional<GHAsset> current = complete(assets, name);
      if (waitForOthers && current.isEmpty() && othersPartial(assets, name)) {
        log.info(name + ": another job is replacing it, waiting before merging");
        // Past the waits, a job that died between its upload and its rename left the partial
        // asset: merge as if no asset were there.
        waitForOthers = pause(waits, "asset being replaced");
        continue;
      }
      Optional<MergedProvenance> merged = content(current, name, ours, conflict);
      if (merged.isEmpty()) {
        lostRace(races, name, "it was replaced while being read");
        continue;
      }
      MergedProvenance content = merged.get();
      if (!reportedUnreadable && !content.unreadableLineNumbers().isEmpty()) {
        reportedUnreadable = true;
        log.warning(
            "Unreadable lines kept in " + name,
            "lines "
                + content.unreadableLineNumbers()
                + " of the existing asset are not Sigstore bundles this action can read; they"
                + " were kept as they were");
      }
      if (content.superseded() > 0) {
        log.info(name + ": replacing " + content.superseded() + " line(s) from an earlier attempt");
      }
      GHAsset upload = uploadPartial(release, name, content.content());
      if (!replace(current, upload, name)) {
        lostRace(races, name, "another job replaced it first");
        continue;
      }
      Optional<GHAsset> written = complete(listAssets(release), name);
      Optional<String> text = written.isPresent() ? downloadText(written.get()) : Optional.empty();
      if (text.isPresent()) {
        List<String> lines = text.get().lines().filter(line -> !line.isBlank()).toList();
        if (lines.containsAll(ourText)) {
          return new WrittenAsset(
              written.get().getName(),
              URI.create(written.get().getBrowserDownloadUrl()),
              lines.size());
        }
      }
      lostRace(races, name, "this run's lines are missing after replacing it");
    }
  }

  /**
   * Waits, with full jitter so that jobs that collided do not collide again in step, before merging
   * again.
   *
   * @throws ReleaseException when other jobs won too many times
   */
  private static void lostRace(GithubRetryPolicy.Rounds races, String name, String why)
      throws IOException, ReleaseException {
    if (!pause(races, why)) {
      throw new ReleaseException(
          "Provenance asset not updated",
          "other jobs kept replacing "
              + name
              + " at the same time; gave up after "
              + races.round()
              + " rounds. Run the job again.");
    }
  }

  /** The new content, or empty if the asset vanished while being read: another job replaced it. */
  private Optional<MergedProvenance> content(
      Optional<GHAsset> current, String name, List<ProvenanceLine> ours, AssetConflict conflict)
      throws IOException, ReleaseException {
    if (current.isEmpty()) {
      return Optional.of(MergedProvenance.only(ours));
    }
    switch (conflict) {
      case FAIL:
        throw new ReleaseException(
            "Provenance asset exists",
            "the release already has "
                + name
                + " and asset-conflict is fail; it was left as it is. Use asset-conflict: merge"
                + " to add to it or replace to overwrite it.");
      case REPLACE:
        return Optional.of(MergedProvenance.only(ours));
      default:
        return downloadText(current.get()).map(text -> MergedProvenance.merge(text, ours));
    }
  }

  /**
   * Deletes the merged asset and renames the upload in its place.
   *
   * @return false if another job replaced the asset first: the upload is gone, merge again
   */
  private boolean replace(Optional<GHAsset> current, GHAsset upload, String name)
      throws IOException {
    if (current.isPresent()) {
      try {
        current.get().delete();
      } catch (IOException e) {
        deleteQuietly(upload);
        if (isNotFound(e)) {
          return false;
        }
        throw e;
      }
    }
    GithubResponse renamed;
    try {
      renamed =
          transport.send(
              "PATCH",
              apiUri(upload.getUrl()),
              JSON.writeValueAsBytes(JSON.createObjectNode().put("name", name)));
    } catch (IOException e) {
      throw new AssetWriteException(keptAs(upload, name), e);
    }
    if (renamed.isAlreadyExists()) {
      deleteQuietly(upload);
      return false;
    }
    if (!renamed.isSuccess()) {
      throw new AssetWriteException(
          keptAs(upload, name), renamed.toException("rename " + upload.getName()));
    }
    return true;
  }

  private static String keptAs(GHAsset upload, String name) {
    return "could not rename "
        + upload.getName()
        + " to "
        + name
        + "; it holds the complete merged provenance: rename it on the release page";
  }

  /**
   * Uploads under a name no other job uses. A failed attempt can leave an asset of that name
   * behind, complete or in state {@code starter}: the next attempt deletes it first.
   */
  private GHAsset uploadPartial(GHRelease release, String name, byte[] content) throws IOException {
    String partialName = name + "." + UUID.randomUUID().toString().substring(0, 8) + PARTIAL_SUFFIX;
    return RetriedStep.run(
        transport.policy(),
        "upload " + partialName,
        ProvenanceAssetWriter::isAlreadyExists,
        attempt -> {
          if (attempt > 1) {
            for (GHAsset leftover : listAssets(release)) {
              if (AssetNames.matches(leftover.getName(), partialName)) {
                log.info(
                    "deleting "
                        + leftover.getName()
                        + " (state "
                        + leftover.getState()
                        + ") left by the failed upload");
                leftover.delete();
              }
            }
          }
          GHAsset asset =
              release.uploadAsset(partialName, new ByteArrayInputStream(content), CONTENT_TYPE);
          if (!"uploaded".equals(asset.getState())) {
            throw new IOException("the upload left the asset in state " + asset.getState());
          }
          return asset;
        });
  }

  /** The asset's content, or empty if it is gone (404): another job deleted it meanwhile. */
  private Optional<String> downloadText(GHAsset asset) throws IOException {
    GithubResponse response = transport.download(apiUri(asset.getUrl()));
    if (response.status() == 404) {
      return Optional.empty();
    }
    if (!response.isSuccess()) {
      throw response.toException("download " + asset.getName());
    }
    return Optional.of(new String(response.body(), StandardCharsets.UTF_8));
  }

  private List<GHAsset> listAssets(GHRelease release) throws IOException {
    return Failures.allPages(release.listAssets().withPageSize(100));
  }

  private static Optional<GHAsset> complete(List<GHAsset> assets, String name) {
    return assets.stream()
        .filter(asset -> AssetNames.matches(asset.getName(), name))
        .filter(asset -> "uploaded".equals(asset.getState()))
        .findFirst();
  }

  private static boolean othersPartial(List<GHAsset> assets, String name) {
    return assets.stream()
        .anyMatch(
            asset ->
                asset.getName().endsWith(PARTIAL_SUFFIX)
                    && asset.getName().startsWith(AssetNames.asGithubStores(name) + "."));
  }

  private void deleteQuietly(GHAsset asset) {
    try {
      asset.delete();
    } catch (IOException e) {
      log.warning(
          "Leftover asset",
          "could not delete " + asset.getName() + " (" + Failures.describe(e) + "); delete it");
    }
  }

  /** Whether it waited: false once the waits are used up. */
  private static boolean pause(GithubRetryPolicy.Rounds waits, String why) throws IOException {
    try {
      return waits.waitBeforeNext(why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for another job");
    }
  }

  private static boolean isAlreadyExists(IOException e) {
    return e instanceof HttpException http
        && http.getResponseCode() == 422
        && String.valueOf(http.getMessage()).contains("already_exists");
  }

  private static boolean isNotFound(IOException e) {
    return e instanceof FileNotFoundException
        || e instanceof HttpException http && http.getResponseCode() == 404;
  }

  private static URI apiUri(URL url) throws IOException {
    try {
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new IOException("GitHub sent an invalid address: " + url, e);
    }
  }
}
