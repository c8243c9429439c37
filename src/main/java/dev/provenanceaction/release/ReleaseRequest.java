package dev.provenanceaction.release;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to publish where.
 *
 * @param apiUrl {@code GITHUB_API_URL}, e.g. {@code https://api.github.com} or {@code
 *     https://HOST/api/v3}; uploads go to the host of the release's {@code upload_url}
 * @param token the {@code github-token} input
 * @param repository {@code GITHUB_REPOSITORY}, {@code owner/name}
 * @param tagName the release's tag ({@code upload-tag-name}, or the tag of {@code GITHUB_REF})
 * @param targetCommitish where a new draft points: {@code GITHUB_SHA}
 * @param createDraftIfMissing {@code draft-release}: create a draft when no release has the tag; if
 *     false, a missing release is an error
 * @param assetConflict {@code asset-conflict}
 * @param provenanceFile the {@code .intoto.jsonl} file this run wrote: its lines are added
 * @param assetName the asset's name, usually the file's name
 * @param assetNamed whether the user named the asset ({@code provenance-name}); if not, and {@code
 *     assetConflict} is merge, the bundles go into the release's one existing provenance asset
 * @param attestationsStore {@code attestations-store}: also post each bundle to the repository's
 *     attestations
 */
public record ReleaseRequest(
    URI apiUrl,
    GithubToken token,
    String repository,
    String tagName,
    String targetCommitish,
    boolean createDraftIfMissing,
    AssetConflict assetConflict,
    Path provenanceFile,
    String assetName,
    boolean assetNamed,
    boolean attestationsStore) {

  public ReleaseRequest {
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(assetConflict, "assetConflict");
    Objects.requireNonNull(provenanceFile, "provenanceFile");
    if (repository == null || !repository.matches("[^/\\s]+/[^/\\s]+")) {
      throw new IllegalArgumentException(
          "the repository must be owner/name, not '" + repository + "'");
    }
    if (tagName == null || tagName.isBlank()) {
      throw new IllegalArgumentException("a release needs a tag name");
    }
    if (assetName == null || assetName.isBlank() || assetName.contains("/")) {
      throw new IllegalArgumentException("the asset name must be a file name: '" + assetName + "'");
    }
    if (createDraftIfMissing && (targetCommitish == null || targetCommitish.isBlank())) {
      throw new IllegalArgumentException("a new draft needs the commit it is for (GITHUB_SHA)");
    }
  }

  /**
   * The same request, the asset named after the provenance file.
   *
   * @param fileNamed whether the user chose the file's name
   */
  public static ReleaseRequest forFile(
      URI apiUrl,
      GithubToken token,
      String repository,
      String tagName,
      String targetCommitish,
      boolean createDraftIfMissing,
      AssetConflict assetConflict,
      Path provenanceFile,
      boolean fileNamed,
      boolean attestationsStore) {
    return new ReleaseRequest(
        apiUrl,
        token,
        repository,
        tagName,
        targetCommitish,
        createDraftIfMissing,
        assetConflict,
        provenanceFile,
        provenanceFile.getFileName().toString(),
        fileNamed,
        attestationsStore);
  }
}
