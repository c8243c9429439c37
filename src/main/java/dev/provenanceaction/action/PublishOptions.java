package dev.provenanceaction.action;

import dev.provenanceaction.TlsCaVariable;
import dev.provenanceaction.release.AssetConflict;
import dev.provenanceaction.release.GithubToken;
import dev.provenanceaction.sigstore.TlsTrust;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether and where the provenance goes on a GitHub Release, validated before anything is signed.
 *
 * @param upload whether to upload at all
 * @param skipNotice when not uploading by default, why, and how to turn it on
 * @param apiUrl {@code GITHUB_API_URL}
 * @param token the {@code github-token} input (never printed)
 * @param repository {@code GITHUB_REPOSITORY}
 * @param tagName the release's tag
 * @param targetCommitish {@code GITHUB_SHA}, where a new draft points
 * @param draftRelease create a draft when no release has the tag
 * @param assetConflict what to do with an asset of the same name
 * @param attestationsStore also store the bundle as a GitHub attestation; empty: decide by the
 *     repository's visibility (public repositories only)
 * @param githubTls the CAs trusted for the API's TLS: the JDK's, and those {@code
 *     PROVENANCE_ACTION_TLS_CA} names
 */
public record PublishOptions(
    boolean upload,
    String skipNotice,
    URI apiUrl,
    GithubToken token,
    String repository,
    String tagName,
    String targetCommitish,
    boolean draftRelease,
    AssetConflict assetConflict,
    Optional<Boolean> attestationsStore,
    TlsTrust githubTls) {

  public static final Set<String> INPUT_NAMES =
      Set.of(
          "github-token",
          "upload-assets",
          "upload-tag-name",
          "draft-release",
          "asset-conflict",
          "attestations-store");
  public static final Set<String> BOOLEAN_INPUTS =
      Set.of("upload-assets", "draft-release", "attestations-store");

  private static PublishOptions skip(String notice) {
    return new PublishOptions(
        false,
        notice,
        null,
        null,
        null,
        null,
        null,
        false,
        AssetConflict.MERGE,
        Optional.empty(),
        null);
  }

  /**
   * Reads the release inputs. {@code upload-assets} left unset means "upload when the run is for a
   * tag"; set to {@code true}, a run with no tag to upload to is an error.
   */
  static PublishOptions from(Inputs inputs, Map<String, String> env, boolean ephemeral)
      throws UsageException {
    Optional<String> explicitUpload = inputs.get("upload-assets");
    boolean upload = inputs.getBoolean("upload-assets", true);
    AssetConflict conflict;
    try {
      conflict = AssetConflict.parse(inputs.get("asset-conflict").orElse("merge"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("Invalid asset-conflict", e.getMessage());
    }
    boolean draftRelease = inputs.getBoolean("draft-release", true);
    Optional<Boolean> attestations =
        inputs.has("attestations-store")
            ? Optional.of(inputs.getBoolean("attestations-store", true))
            : Optional.empty();
    if (!upload) {
      return skip(null);
    }
    if (ephemeral) {
      if (explicitUpload.isPresent()) {
        throw new UsageException(
            "Nothing to upload",
            "upload-assets is true, but sigstore is ephemeral: its provenance proves nothing and"
                + " does not belong on a release. Set upload-assets: false for a dry run.");
      }
      return skip("sigstore is ephemeral: the provenance is not uploaded to any release");
    }
    String ref = env.getOrDefault("GITHUB_REF", "");
    String tag =
        inputs
            .get("upload-tag-name")
            .orElse(ref.startsWith("refs/tags/") ? ref.substring("refs/tags/".length()) : null);
    if (tag == null) {
      if (explicitUpload.isPresent()) {
        throw new UsageException(
            "No release tag",
            "upload-assets is true, but "
                + (ref.isEmpty() ? "the run has no ref" : ref + " is not a tag")
                + " and upload-tag-name is not set: name the release's tag in upload-tag-name");
      }
      return skip(
          "not uploading: "
              + (ref.isEmpty() ? "the run has no ref" : ref + " is not a tag")
              + ". Set upload-tag-name to upload the provenance to that tag's release.");
    }
    String token = inputs.get("github-token").orElse("");
    if (token.isBlank()) {
      throw new UsageException(
          "No GitHub token",
          "uploading to the release needs github-token (the default, ${{ github.token }}, needs"
              + " 'permissions: contents: write'); set upload-assets: false to skip the upload");
    }
    String repository = env.getOrDefault("GITHUB_REPOSITORY", "");
    if (!repository.matches("[^/\\s]+/[^/\\s]+")) {
      throw new UsageException(
          "No repository",
          "GITHUB_REPOSITORY must be owner/name to upload, not '" + repository + "'");
    }
    String sha = env.getOrDefault("GITHUB_SHA", "");
    if (draftRelease && sha.isBlank()) {
      throw new UsageException(
          "No commit", "GITHUB_SHA is not set: a new draft release needs the commit it is for");
    }
    String apiUrl = env.getOrDefault("GITHUB_API_URL", "https://api.github.com");
    URI api;
    try {
      api = new URI(apiUrl);
    } catch (URISyntaxException e) {
      throw new UsageException(
          "Invalid GITHUB_API_URL", "GITHUB_API_URL is not a URL: " + e.getMessage());
    }
    if (!"https".equals(api.getScheme()) && !"http".equals(api.getScheme())
        || api.getHost() == null) {
      throw new UsageException(
          "Invalid GITHUB_API_URL", "GITHUB_API_URL must be an http(s) URL, not '" + apiUrl + "'");
    }
    TlsTrust githubTls;
    try {
      githubTls = TlsCaVariable.trust(env);
    } catch (TlsCaVariable.Unusable e) {
      throw new UsageException("Invalid " + TlsCaVariable.NAME, e.getMessage());
    }
    return new PublishOptions(
        true,
        null,
        api,
        GithubToken.of(token),
        repository,
        tag,
        sha,
        draftRelease,
        conflict,
        attestations,
        githubTls);
  }
}
