package dev.provenanceaction.release;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.retry.Sleeper;
import dev.provenanceaction.sigstore.TlsTrust;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kohsuke.github.GHAsset;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;

/**
 * Puts a provenance file on the GitHub Release of a tag: finds the release among published ones and
 * drafts or creates a draft, refuses an immutable release before touching it, merges the file's
 * bundles into the release's asset of the same name (or replaces it, or fails, as asked), or, when
 * the user did not name the file, into the release's one provenance asset, and optionally stores
 * each bundle in the repository's attestations.
 *
 * <p>A failure before the upload leaves the release as it was; a failure after creating a draft
 * leaves the draft without a partial asset, and the message says which. The provenance file is
 * never changed, so a later step can retry.
 */
public final class ReleasePublisher {
  private final PublishLog log;
  private final GithubRetryPolicy policy;
  private final Duration requestTimeout;
  private final TlsTrust tls;

  private ReleasePublisher(
      PublishLog log, GithubRetryPolicy policy, Duration requestTimeout, TlsTrust tls) {
    this.log = log;
    this.policy = policy;
    this.requestTimeout = requestTimeout;
    this.tls = tls;
  }

  /**
   * Standard retries (each wait logged to {@code log.info}, waited with {@code sleeper}) within the
   * run's deadline, 20 seconds per request at most, trusting {@code tls} for the API's and the
   * uploads' TLS.
   */
  public static ReleasePublisher create(
      PublishLog log, Deadline deadline, Sleeper sleeper, TlsTrust tls) {
    return new ReleasePublisher(
        log, GithubRetryPolicy.standard(log::info, deadline, sleeper), Duration.ofSeconds(20), tls);
  }

  /**
   * Makes, without the network, what an upload would otherwise make on its way: github-api's
   * classes and its JSON readers of what an upload reads. A reader builds its type's deserializer
   * by reflection the first time (a repository's alone took 54 ms of CPU, BENCHMARKS.md, session
   * 18), and github-api's mapper keeps it; so a run that will upload calls this on a thread of its
   * own while it signs and waits for Sigstore's services.
   */
  public static void prepare() {
    ObjectReader reader = GitHub.getMappingObjectReader();
    for (Class<?> type :
        List.of(
            GHRepository.class,
            GHRelease.class,
            GHRelease[].class,
            GHAsset.class,
            GHAsset[].class)) {
      reader.forType(type);
    }
  }

  public ReleasePublisher withRetryPolicy(GithubRetryPolicy policy) {
    return new ReleasePublisher(log, policy, requestTimeout, tls);
  }

  /** Time allowed for each request, the upload included. */
  public ReleasePublisher withRequestTimeout(Duration requestTimeout) {
    return new ReleasePublisher(log, policy, requestTimeout, tls);
  }

  public ReleaseResult publish(ReleaseRequest request) throws ReleaseException {
    List<ProvenanceLine> ours = readProvenance(request);
    GithubTransport transport =
        GithubTransport.create(request.token(), policy, requestTimeout, tls);
    GHRepository repository = connect(request, transport);
    ReleaseLocator locator = new ReleaseLocator(repository, policy, log);

    GHRelease release;
    boolean created = false;
    try {
      Optional<GHRelease> found = locator.find(request.tagName());
      if (found.isPresent()) {
        release = found.get();
        log.info("using " + ReleaseLocator.describe(release) + " for tag " + request.tagName());
        refuseImmutable(release, transport);
      } else if (!request.createDraftIfMissing()) {
        throw new ReleaseException(
            "No release for " + request.tagName(),
            "no release or draft has the tag "
                + request.tagName()
                + " and draft-release is false. Create the release first, or set draft-release:"
                + " true to let this action create a draft.");
      } else {
        release = locator.createDraft(request.tagName(), request.targetCommitish());
        created = true;
        log.info(
            "created " + ReleaseLocator.describe(release) + " at " + request.targetCommitish());
      }
    } catch (IOException e) {
      throw failure("Release lookup failed", "finding or creating the release", e, null, false);
    }

    String name = created ? request.assetName() : assetName(request, release, ours, transport);
    ProvenanceAssetWriter.WrittenAsset asset;
    try {
      asset =
          new ProvenanceAssetWriter(transport, log)
              .write(release, name, ours, request.assetConflict());
    } catch (ProvenanceAssetWriter.AssetWriteException e) {
      throw new ReleaseException(
          "Provenance asset not renamed",
          e.getMessage() + " (" + Failures.describe(e.getCause()) + ")",
          e);
    } catch (IOException e) {
      throw failure("Upload failed", "uploading " + name, e, release, created);
    } catch (ReleaseException e) {
      if (!created) {
        throw e;
      }
      throw new ReleaseException(
          e.title(), e.getMessage() + " " + stateOf(release, true), e.getCause());
    }
    if (!asset.name().equals(name)) {
      log.warning("Asset renamed by GitHub", "GitHub stores " + name + " as " + asset.name());
    }
    log.info(asset.name() + " holds " + asset.lineCount() + " bundle(s) now");

    List<String> attestationIds =
        request.attestationsStore()
            ? new AttestationStore(transport, log)
                .store(request.apiUrl(), request.repository(), ours)
            : List.of();
    return new ReleaseResult(
        release.getId(),
        uri(release),
        created,
        release.isDraft(),
        name,
        asset.name(),
        asset.downloadUrl(),
        asset.lineCount(),
        attestationIds);
  }

  /**
   * The asset to merge into: the one the user named, else the release's own provenance file if it
   * has one. With {@code replace} or {@code fail} the user's choice concerns an asset of the file's
   * name, so no other asset is looked for: replacing a found one would drop the release's lines.
   */
  private String assetName(
      ReleaseRequest request,
      GHRelease release,
      List<ProvenanceLine> ours,
      GithubTransport transport)
      throws ReleaseException {
    if (request.assetNamed() || request.assetConflict() != AssetConflict.MERGE) {
      return request.assetName();
    }
    Optional<String> found;
    try {
      found = new ReleaseProvenanceFinder(transport, log).find(release, ours);
    } catch (IOException e) {
      throw failure(
          "Release lookup failed", "looking for the release's provenance asset", e, null, false);
    }
    if (found.isEmpty() || AssetNames.matches(found.get(), request.assetName())) {
      return request.assetName();
    }
    log.notice(
        "Release provenance found",
        "merging into "
            + found.get()
            + ", the provenance file already on "
            + ReleaseLocator.describe(release)
            + ", instead of adding "
            + request.assetName()
            + " (provenance-name is not set)");
    return found.get();
  }

  private static List<ProvenanceLine> readProvenance(ReleaseRequest request)
      throws ReleaseException {
    List<String> text;
    try {
      text = Files.readAllLines(request.provenanceFile());
    } catch (NoSuchFileException e) {
      throw new ReleaseException(
          "Provenance file missing", request.provenanceFile() + " does not exist");
    } catch (IOException e) {
      throw new ReleaseException(
          "Provenance file unreadable", request.provenanceFile() + ": " + e.getMessage(), e);
    }
    List<ProvenanceLine> lines = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      if (text.get(i).isBlank()) {
        continue;
      }
      ProvenanceLine line = ProvenanceLine.parse(text.get(i));
      if (!line.readable()) {
        throw new ReleaseException(
            "Provenance file invalid",
            request.provenanceFile() + " line " + (i + 1) + " is not a Sigstore bundle");
      }
      lines.add(line);
    }
    if (lines.isEmpty()) {
      throw new ReleaseException(
          "Provenance file empty", request.provenanceFile() + " holds no bundle");
    }
    return lines;
  }

  private GHRepository connect(ReleaseRequest request, GithubTransport transport)
      throws ReleaseException {
    try {
      GitHub github =
          new GitHubBuilder()
              .withEndpoint(request.apiUrl().toString())
              // Not withOAuthToken: github-api would then ask GET /user for a login it never needs,
              // one more call to wait for when GitHub is down.
              .withAuthorizationProvider(() -> "Bearer " + request.token().value())
              .withConnector(transport)
              .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
              .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
              .build();
      return github.getRepository(request.repository());
    } catch (IOException e) {
      int status = e instanceof HttpException http ? http.getResponseCode() : -1;
      String hint =
          status == 401
              ? "GitHub refused the token: pass a valid github-token"
              : status == 404 || e instanceof FileNotFoundException
                  ? "the repository "
                      + request.repository()
                      + " was not found at "
                      + request.apiUrl()
                      + " or the token cannot see it"
                  : "cannot reach " + request.apiUrl() + ": " + Failures.describe(e);
      throw new ReleaseException("GitHub API unavailable", hint + "; nothing was changed", e);
    }
  }

  private static void refuseImmutable(GHRelease release, GithubTransport transport)
      throws IOException, ReleaseException {
    if (release.isDraft()) {
      return;
    }
    GithubResponse answer = transport.send("GET", uri(release.getUrl()), null);
    if (!answer.isSuccess()) {
      throw answer.toException("GET release " + release.getId());
    }
    if (answer.json().path("immutable").asBoolean(false)) {
      throw new ReleaseException(
          "Release is immutable",
          ReleaseLocator.describe(release)
              + " is published and immutable: its assets cannot change. Keep a release a draft"
              + " until the provenance is attached (this action creates drafts), then publish"
              + " it. Nothing was changed.");
    }
  }

  private ReleaseException failure(
      String title, String step, IOException e, GHRelease release, boolean created) {
    return new ReleaseException(
        title, step + " failed: " + Failures.describe(e) + ". " + stateOf(release, created), e);
  }

  private static String stateOf(GHRelease release, boolean created) {
    if (release == null) {
      return "No release was changed.";
    }
    return (created
            ? "The draft " + ReleaseLocator.describe(release) + " created by this run"
            : ReleaseLocator.describe(release))
        + " holds no partial provenance asset; the provenance file is still in the workspace.";
  }

  private static URI uri(GHRelease release) {
    return uri(release.getHtmlUrl());
  }

  private static URI uri(URL url) {
    try {
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("GitHub sent an invalid address: " + url, e);
    }
  }
}
