package dev.provenanceaction.verify;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code verify-artifact}: checks artifacts against SLSA provenance from GitHub Actions, the way a
 * user would before {@code pip install}.
 */
public final class VerifyArtifactCommand {
  public static final String USAGE =
      String.join(
          "\n",
          "verify-artifact --provenance-path FILE --source-uri github.com/OWNER/REPO",
          "                [--source-tag TAG | --source-branch BRANCH] [--builder-id ID]",
          "                [--trusted-root FILE] [--offline] [--print-provenance] [--json]",
          "                ARTIFACT...",
          "  --provenance-path FILE    a .intoto.jsonl (one bundle per line) or one bundle JSON",
          "  --source-uri URI          the repository that must have built the artifacts",
          "  --source-tag TAG          the tag it must have been built from",
          "  --source-branch BRANCH    the branch it must have been built from",
          "  --builder-id ID           the signing workflow, https://github.com/O/R/PATH[@REF]",
          "  --trusted-root FILE       a Sigstore trusted root (default: public-good via TUF)",
          "  --offline                 never use the network (needs --trusted-root)",
          "  --print-provenance        print the verified statements on stdout",
          "  --json                    print a JSON result on stdout",
          "");

  private static final Pattern SOURCE_URI =
      Pattern.compile("[A-Za-z0-9.-]+(:[0-9]+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  private static final Set<String> OPTIONS =
      Set.of(
          "--provenance-path",
          "--source-uri",
          "--source-tag",
          "--source-branch",
          "--builder-id",
          "--trusted-root");
  private static final Set<String> SWITCHES = Set.of("--offline", "--print-provenance", "--json");

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  public VerifyArtifactCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** Returns 0 when every artifact verified, 1 when one did not, 2 for a usage error. */
  public int run(List<String> args) {
    try {
      CommandLine line = CommandLine.parse(args, OPTIONS, SWITCHES);
      IdentityPolicy policy = policy(line);
      if (line.operands().isEmpty()) {
        throw new ArgumentException("name at least one ARTIFACT to verify");
      }
      Optional<Path> trustedRoot = line.value("--trusted-root").map(Path::of);
      TrustedRootSource.checkOffline(trustedRoot, line.has("--offline"));
      Path provenance = Path.of(line.required("--provenance-path"));
      String text = VerifyRun.read(provenance);
      List<Artifact> artifacts = VerifyRun.hash(line.operands());
      VerifyReport report =
          new VerifyReport(out, err, line.has("--json"), line.has("--print-provenance"));
      return VerifyRun.run(
          provenance,
          text,
          artifacts,
          trustedRoot,
          VerifyRun.bundles(artifacts, ArtifactVerifier::forProvenance, policy),
          env,
          report);
    } catch (ArgumentException e) {
      return VerifyRun.usage(err, e.getMessage() + "\nusage: " + USAGE);
    }
  }

  static IdentityPolicy policy(CommandLine line) throws ArgumentException {
    String sourceUri = line.required("--source-uri");
    if (sourceUri.contains("://")) {
      throw new ArgumentException(
          "--source-uri takes github.com/OWNER/REPO without a scheme, found " + sourceUri);
    }
    if (!SOURCE_URI.matcher(sourceUri).matches()) {
      throw new ArgumentException(
          "--source-uri takes HOST/OWNER/REPO such as github.com/pypa/sampleproject, found "
              + sourceUri);
    }
    IdentityPolicy policy =
        IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER)
            .withSourceRepositoryUri("https://" + sourceUri);
    Optional<String> tag = line.value("--source-tag");
    Optional<String> branch = line.value("--source-branch");
    if (tag.isPresent() && branch.isPresent()) {
      throw new ArgumentException("give --source-tag or --source-branch, not both");
    }
    if (tag.isPresent()) {
      policy = policy.withSourceRef("refs/tags/" + tag.get());
    }
    if (branch.isPresent()) {
      policy = policy.withSourceRef("refs/heads/" + branch.get());
    }
    Optional<String> builderId = line.value("--builder-id");
    if (builderId.isPresent()) {
      policy = policy.withBuilderId(builderId.get());
    }
    return policy;
  }
}
