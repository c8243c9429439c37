package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.TlsCaVariable;
import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.CommandRun;
import dev.provenanceaction.testing.GithubApiServer;
import dev.provenanceaction.testing.GithubState;
import dev.provenanceaction.testing.LoopbackSigstore;
import dev.provenanceaction.testing.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release engineer's flow end to end: the tag's provenance job uploads to a new draft; weeks
 * later a {@code workflow_dispatch} run adds the provenance of new wheels to the same asset; then
 * each artifact verifies against the downloaded asset.
 */
class ReleaseFlowEndToEndTest {
  private static final String TOKEN = "ghs_loopbackTokenNeverPrinted0123456789";

  @TempDir Path temp;
  private LoopbackSigstore sigstore;
  private GithubApiServer github;

  @BeforeEach
  void start() {
    sigstore = LoopbackSigstore.start(temp.resolve("sigstore"));
    sigstore.oidc().setClaims(ActionRun.claims("public"));
    github = GithubApiServer.start(TOKEN);
    github.state().addRepository(ActionRun.REPOSITORY);
  }

  @AfterEach
  void stop() {
    github.close();
    sigstore.close();
  }

  private ActionRun action(String name, Path workspaceFiles, String sums) {
    return new ActionRun(temp.resolve(name))
        .env(sigstore.oidcEnvironment())
        .env(github.environment())
        .input("sigstore", sigstore.directory().toString())
        .input("github-token", TOKEN)
        .input(
            "subject-base64",
            Base64.getEncoder().encodeToString(sums.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void tagRunMakesADraftThenARebuildJoinsTheSameAsset() throws Exception {
    Path dist = Files.createDirectories(temp.resolve("dist"));
    Path sdist = Files.writeString(dist.resolve("octo_pkg-1.2.3.tar.gz"), "sdist");
    Path wheel312 = Files.writeString(dist.resolve("octo_pkg-1.2.3-cp312-linux.whl"), "312");
    Path wheel313 = Files.writeString(dist.resolve("octo_pkg-1.2.3-cp313-linux.whl"), "313");

    ActionRun tagRun = action("tag-run", dist, sums(sdist, wheel312)).run();

    assertEquals(0, tagRun.exitCode(), tagRun.stdout());
    GithubState.Repository repository = github.state().repository(ActionRun.REPOSITORY);
    List<GithubState.Release> releases = repository.releasesFor(ActionRun.TAG);
    assertEquals(1, releases.size());
    GithubState.Release release = releases.get(0);
    assertTrue(release.draft(), "a new release is a draft");
    assertEquals(ActionRun.SHA, release.targetCommitish());
    assertEquals(
        Files.readString(tagRun.workspace().resolve("multiple.intoto.jsonl")),
        release.asset("multiple.intoto.jsonl").text());
    assertTrue(tagRun.outputs().contains("release-id=" + release.id() + "\n"), tagRun.outputs());
    assertTrue(tagRun.outputs().contains("asset-name=multiple.intoto.jsonl\n"));
    assertEquals(1, repository.attestations().size(), "a public repository stores attestations");

    Map<String, Object> rebuild = ActionRun.claims("public");
    rebuild.put("event_name", "workflow_dispatch");
    rebuild.put("run_id", "1111111111");
    sigstore.oidc().setClaims(rebuild);
    ActionRun rebuildRun =
        action("rebuild-run", dist, sums(wheel313))
            .env("GITHUB_EVENT_NAME", "workflow_dispatch")
            .env("GITHUB_RUN_ID", "1111111111")
            .input("upload-tag-name", ActionRun.TAG)
            .input("provenance-name", "multiple.intoto.jsonl")
            .run();

    assertEquals(0, rebuildRun.exitCode(), rebuildRun.stdout());
    assertEquals(1, repository.releasesFor(ActionRun.TAG).size(), "no second release");
    Path asset = temp.resolve("downloaded.intoto.jsonl");
    Files.writeString(asset, release.asset("multiple.intoto.jsonl").text());
    assertEquals(2, Files.readAllLines(asset).size(), "the rebuild's bundle joined the file");

    CommandRun verified = verify(asset, sdist, wheel312, wheel313);
    assertEquals(0, verified.exitCode(), "each artifact finds its bundle: " + verified.err());
    Path kept = Files.createDirectories(Path.of("target", "e2e-bundles", "release-merged"));
    Files.copy(asset, kept.resolve("multiple.intoto.jsonl"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        sigstore.trustedRoot(),
        kept.resolve("trusted_root.json"),
        StandardCopyOption.REPLACE_EXISTING);
    assertEquals(List.of(), github.violations(), "every request fits GitHub's description");
    String everything =
        tagRun.stdout()
            + tagRun.stderr()
            + tagRun.outputs()
            + tagRun.summary()
            + rebuildRun.stdout()
            + rebuildRun.outputs()
            + rebuildRun.summary();
    assertEquals(
        everything.lines().filter(line -> line.contains(TOKEN)).toList(),
        List.of("::add-mask::" + TOKEN, "::add-mask::" + TOKEN),
        "the token only appears to be masked");
  }

  @Test
  void aBranchRebuildThatNamesOnlyTheReleaseFindsItsProvenanceFile() throws Exception {
    Path dist = Files.createDirectories(temp.resolve("dist"));
    Path sdist = Files.writeString(dist.resolve("octo_pkg-1.2.3.tar.gz"), "sdist");
    Path wheel312 = Files.writeString(dist.resolve("octo_pkg-1.2.3-cp312-linux.whl"), "312");
    Path wheel313 = Files.writeString(dist.resolve("octo_pkg-1.2.3-cp313-linux.whl"), "313");
    ActionRun tagRun = action("tag-run", dist, sums(sdist, wheel312)).run();
    assertEquals(0, tagRun.exitCode(), tagRun.stdout());
    GithubState.Release release =
        github.state().repository(ActionRun.REPOSITORY).releasesFor(ActionRun.TAG).get(0);

    ActionRun rebuildRun = branchRebuild("rebuild-run", dist, sums(wheel313)).run();

    assertEquals(0, rebuildRun.exitCode(), rebuildRun.stdout());
    assertEquals(
        List.of("multiple.intoto.jsonl"),
        release.assets().stream().map(GithubState.Asset::name).toList(),
        "one provenance asset");
    assertTrue(
        rebuildRun
            .stdout()
            .contains(
                "::notice title=Release provenance found::merging into multiple.intoto.jsonl"),
        rebuildRun.stdout());
    assertEquals(
        "multiple.intoto.jsonl",
        lastOutput(rebuildRun, "provenance-name"),
        "provenance-name names the asset used");
    Path ownFile = rebuildRun.workspace().resolve("octo_pkg-1.2.3-cp313-linux.whl.intoto.jsonl");
    assertEquals(ownFile.toString(), lastOutput(rebuildRun, "provenance-path"));
    assertEquals(1, Files.readAllLines(ownFile).size(), "the run's own file keeps its own bundle");
    Path asset = temp.resolve("downloaded.intoto.jsonl");
    Files.writeString(asset, release.asset("multiple.intoto.jsonl").text());
    assertEquals(2, Files.readAllLines(asset).size(), "the rebuild's bundle joined the file");

    CommandRun tagBuilds = verify(asset, List.of("--source-tag", ActionRun.TAG), sdist, wheel312);
    assertEquals(0, tagBuilds.exitCode(), tagBuilds.err());
    CommandRun branchBuild = verify(asset, List.of("--source-branch", "main"), wheel313);
    assertEquals(0, branchBuild.exitCode(), branchBuild.err());
    CommandRun asTag = verify(asset, List.of("--source-tag", ActionRun.TAG), wheel313);
    assertEquals(1, asTag.exitCode(), "a branch build is not the tag's");
    String message = asTag.err();
    assertTrue(message.contains("refs/heads/main"), message);
    assertEquals(List.of(), github.violations(), "every request fits GitHub's description");
  }

  @Test
  void aRebuildStopsBeforeUploadingWhenTheReleaseHasSeveralProvenanceFiles() throws Exception {
    Path dist = Files.createDirectories(temp.resolve("dist"));
    Path sdist = Files.writeString(dist.resolve("octo_pkg-1.2.3.tar.gz"), "sdist");
    Path wheel312 = Files.writeString(dist.resolve("octo_pkg-1.2.3-cp312-linux.whl"), "312");
    Path wheel313 = Files.writeString(dist.resolve("octo_pkg-1.2.3-cp313-linux.whl"), "313");
    assertEquals(0, action("sdist-run", dist, sums(sdist)).run().exitCode());
    assertEquals(0, action("wheel-run", dist, sums(wheel312)).run().exitCode());
    GithubState.Release release =
        github.state().repository(ActionRun.REPOSITORY).releasesFor(ActionRun.TAG).get(0);
    Map<String, String> before = new java.util.TreeMap<>();
    release.assets().forEach(a -> before.put(a.name(), a.text()));
    assertEquals(2, before.size(), before.keySet().toString());
    int requestsBefore = github.requests().size();

    ActionRun rebuildRun = branchRebuild("rebuild-run", dist, sums(wheel313)).run();

    assertEquals(1, rebuildRun.exitCode(), rebuildRun.stdout());
    assertTrue(
        rebuildRun
            .stdout()
            .contains(
                "::error title=Several provenance assets::draft "
                    + release.id()
                    + " (https://github.com/"),
        rebuildRun.stdout());
    assertTrue(
        rebuildRun
            .stdout()
            .contains(
                "holds several provenance files: octo_pkg-1.2.3.tar.gz.intoto.jsonl,"
                    + " octo_pkg-1.2.3-cp312-linux.whl.intoto.jsonl. Set provenance-name"),
        rebuildRun.stdout());
    Map<String, String> after = new java.util.TreeMap<>();
    release.assets().forEach(a -> after.put(a.name(), a.text()));
    assertEquals(before, after, "no asset changed");
    assertEquals(
        List.of(),
        github.requests().subList(requestsBefore, github.requests().size()).stream()
            .filter(request -> !request.startsWith("GET "))
            .toList(),
        "the rebuild only read");
    assertTrue(
        Files.exists(rebuildRun.workspace().resolve("octo_pkg-1.2.3-cp313-linux.whl.intoto.jsonl")),
        "the provenance stays for a later step");
  }

  /** A {@code workflow_dispatch} run on main that names the release and nothing else. */
  private ActionRun branchRebuild(String name, Path dist, String sums) {
    String workflowRef = ActionRun.REPOSITORY + "/.github/workflows/rebuild.yml@refs/heads/main";
    Map<String, Object> claims = ActionRun.claims("public");
    claims.put("sub", "repo:" + ActionRun.REPOSITORY + ":ref:refs/heads/main");
    claims.put("ref", "refs/heads/main");
    claims.put("ref_type", "branch");
    claims.put("workflow_ref", workflowRef);
    claims.put("job_workflow_ref", workflowRef);
    claims.put("event_name", "workflow_dispatch");
    claims.put("run_id", "1111111111");
    sigstore.oidc().setClaims(claims);
    return action(name, dist, sums)
        .env("GITHUB_REF", "refs/heads/main")
        .env("GITHUB_EVENT_NAME", "workflow_dispatch")
        .env("GITHUB_RUN_ID", "1111111111")
        .env("GITHUB_WORKFLOW_REF", workflowRef)
        .input("upload-tag-name", ActionRun.TAG);
  }

  /** The value the runner keeps: a step's last line for the output. */
  private static String lastOutput(ActionRun run, String name) {
    String prefix = name + "=";
    return run.outputs()
        .lines()
        .filter(line -> line.startsWith(prefix))
        .reduce((first, second) -> second)
        .map(line -> line.substring(prefix.length()))
        .orElse(null);
  }

  @Test
  void aBranchRunSkipsTheUploadWithANotice() throws Exception {
    ActionRun run =
        action("branch-run", temp, "c".repeat(64) + "  pkg.whl\n")
            .env("GITHUB_REF", "refs/heads/main")
            .run();

    assertEquals(0, run.exitCode(), run.stdout());
    assertTrue(
        run.stdout()
            .contains(
                "::notice title=Upload skipped::not uploading: refs/heads/main is not"
                    + " a tag. Set upload-tag-name"),
        run.stdout());
    assertTrue(github.requests().isEmpty(), "GitHub was not called");
    assertFalse(run.outputs().contains("release-id="));
  }

  @Test
  void anImmutableReleaseFailsAndKeepsTheFileForALaterStep() throws Exception {
    github.state().repository(ActionRun.REPOSITORY).addImmutable(ActionRun.TAG);

    ActionRun run = action("immutable-run", temp, "c".repeat(64) + "  pkg.whl\n").run();

    assertEquals(1, run.exitCode());
    assertTrue(run.stdout().contains("draft"), run.stdout());
    Path provenance = run.workspace().resolve("pkg.whl.intoto.jsonl");
    assertTrue(Files.exists(provenance));
    assertTrue(run.outputs().contains("provenance-path=" + provenance + "\n"), run.outputs());
    assertTrue(
        github
            .state()
            .repository(ActionRun.REPOSITORY)
            .releasesFor(ActionRun.TAG)
            .get(0)
            .assets()
            .isEmpty());
  }

  @Test
  void aTlsCaFileThatCannotBeReadStopsTheRunBeforeAnyRequest() throws Exception {
    ActionRun run =
        action("unreadable-ca", temp, "c".repeat(64) + "  pkg.whl\n")
            .env(TlsCaVariable.NAME, temp.resolve("missing-ca.pem").toString())
            .run();

    assertEquals(1, run.exitCode());
    assertTrue(
        run.stdout()
            .contains(
                "::error title=Invalid "
                    + TlsCaVariable.NAME
                    + "::"
                    + TlsCaVariable.NAME
                    + " names "
                    + temp.resolve("missing-ca.pem")
                    + ", which does not exist\n"),
        run.stdout());
    assertEquals(0, sigstore.oidc().requestCount(), "no token was asked for");
    assertTrue(github.requests().isEmpty(), "GitHub was not called");
    assertFalse(Files.exists(run.workspace().resolve("pkg.whl.intoto.jsonl")));
  }

  @Test
  void anApiWhoseCaIsNotTrustedGetsNoRequestAndNoRelease() throws Exception {
    ActionRun run =
        new ActionRun(temp.resolve("untrusted-api"))
            .env(sigstore.oidcEnvironment())
            .env("GITHUB_API_URL", github.apiUrl().toString())
            .input("sigstore", sigstore.directory().toString())
            .input("github-token", TOKEN)
            .input(
                "subject-base64",
                Base64.getEncoder()
                    .encodeToString(
                        ("c".repeat(64) + "  pkg.whl\n").getBytes(StandardCharsets.UTF_8)))
            .run();

    assertEquals(1, run.exitCode());
    assertTrue(run.stdout().contains("TLS handshake failed"), run.stdout());
    assertTrue(github.requests().isEmpty(), "no request got past the handshake");
    assertEquals(List.of(), github.state().repository(ActionRun.REPOSITORY).releases());
    assertTrue(Files.exists(run.workspace().resolve("pkg.whl.intoto.jsonl")), "the file stays");
  }

  private static String sums(Path... files) throws Exception {
    StringBuilder sums = new StringBuilder();
    for (Path file : files) {
      sums.append(Sha256.hex(Files.readAllBytes(file)))
          .append("  ")
          .append(file.getFileName())
          .append('\n');
    }
    return sums.toString();
  }

  private CommandRun verify(Path provenance, Path... artifacts) {
    return verify(provenance, List.of("--source-tag", ActionRun.TAG), artifacts);
  }

  private CommandRun verify(Path provenance, List<String> refFlags, Path... artifacts) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--provenance-path",
                provenance.toString(),
                "--source-uri",
                "github.com/" + ActionRun.REPOSITORY,
                "--trusted-root",
                sigstore.trustedRoot().toString(),
                "--offline"));
    args.addAll(refFlags);
    for (Path artifact : artifacts) {
      args.add(artifact.toString());
    }
    return CommandRun.verifyArtifactExactly(args);
  }
}
