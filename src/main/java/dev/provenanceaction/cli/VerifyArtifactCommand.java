package dev.provenanceaction.cli;

import dev.provenanceaction.TlsCaVariable;
import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.TlsTrust;
import dev.provenanceaction.sigstore.rekor.RekorTransparencyLog;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.verify.Artifact;
import dev.provenanceaction.verify.IdentityPolicy;
import dev.provenanceaction.verify.LegacyLookup;
import dev.provenanceaction.verify.PolicyCheck;
import dev.provenanceaction.verify.PolicyException;
import dev.provenanceaction.verify.RekorLegacyLookup;
import dev.provenanceaction.verify.VerificationPolicy;
import java.net.URI;
import java.net.URISyntaxException;
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
          "                [--trusted-root FILE] [--offline] [--rekor-url URL]",
          "                [--print-provenance] [--json]",
          "                (ARTIFACT... | --digest sha256:HEX [NAME])",
          "  --provenance-path FILE    a .intoto.jsonl (one bundle per line), one bundle JSON, a",
          "                            PEP 740 attestation (<dist>.*.attestation) or a PyPI",
          "                            provenance object; a PyPI publish attestation makes no",
          "                            build claims: only its certificate's identity is checked",
          "  --source-uri URI          the repository that must have built the artifacts",
          "  --source-tag TAG          the tag it must have been built from",
          "  --source-branch BRANCH    the branch it must have been built from",
          "  --builder-id ID           the signing workflow, https://github.com/O/R/PATH[@REF]",
          "  --trusted-root FILE       a Sigstore trusted root (default: public-good via TUF)",
          "  --offline                 never use the network (needs --trusted-root); legacy",
          "                            envelopes (signatures[].cert, no log entry) are refused",
          "  --rekor-url URL           the Rekor v1 to look legacy envelopes' entries up in",
          "                            (default: the trusted root's first transparency log)",
          "  --digest sha256:HEX       the artifact's digest, instead of the artifact; NAME, if",
          "                            given, names it in the report (no file is read)",
          "  --print-provenance        print the verified statements on stdout",
          "  --json                    print a JSON result on stdout",
          "environment:",
          "  " + TlsCaVariable.NAME + "  a PEM file of CAs to trust for TLS to Rekor,",
          "                            besides the JDK's",
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
          "--digest",
          "--trusted-root",
          "--rekor-url");
  private static final Set<String> SWITCHES = Set.of("--offline", "--print-provenance", "--json");

  private final CommandContext context;

  public VerifyArtifactCommand(CommandContext context) {
    this.context = context;
  }

  /** Returns 0 when every artifact verified, 1 when one did not, 2 for a usage error. */
  public int run(List<String> args) {
    try {
      CommandLine line = CommandLine.parse(args, OPTIONS, SWITCHES);
      IdentityPolicy identity = identity(line);
      Optional<String> digest = line.value("--digest");
      if (digest.isEmpty() && line.operands().isEmpty()) {
        throw new ArgumentException("name at least one ARTIFACT to verify, or --digest sha256:HEX");
      }
      if (digest.isPresent() && line.operands().size() > 1) {
        throw new ArgumentException(
            "--digest checks one artifact: give at most one NAME with it, found "
                + line.operands().size());
      }
      // The digest's syntax is a usage error before any file is read.
      Optional<Artifact> byDigest =
          digest.isPresent()
              ? Optional.of(
                  VerifyRun.ofDigest(
                      line.operands().isEmpty() ? "--digest" : line.operands().get(0),
                      digest.get()))
              : Optional.empty();
      Optional<Path> trustedRoot = line.value("--trusted-root").map(Path::of);
      boolean offline = line.has("--offline");
      TrustedRootSource.checkOffline(trustedRoot, offline);
      Optional<URI> rekorUrl = rekorUrl(line, offline);
      TlsTrust tlsTrust = tlsTrust(context.env());
      Path provenance = Path.of(line.required("--provenance-path"));
      String text = VerifyRun.read(provenance);
      List<Artifact> artifacts =
          byDigest.isPresent() ? List.of(byDigest.get()) : VerifyRun.hash(line.operands());
      return VerifyRun.run(
          context,
          provenance,
          text,
          VerificationPolicy.provenance(artifacts, identity).withLegacyEnvelopes(),
          offline ? Optional.empty() : Optional.of(root -> legacyLookup(root, rekorUrl, tlsTrust)),
          trustedRoot,
          new VerifyReport(
              context.out(), context.err(), line.has("--json"), line.has("--print-provenance")));
    } catch (ArgumentException e) {
      return VerifyRun.usage(context.err(), e.getMessage() + "\nusage: " + USAGE);
    }
  }

  private static Optional<URI> rekorUrl(CommandLine line, boolean offline)
      throws ArgumentException {
    Optional<String> given = line.value("--rekor-url");
    if (given.isEmpty()) {
      return Optional.empty();
    }
    if (offline) {
      throw new ArgumentException(
          "--rekor-url is for looking entries up online; it cannot go with --offline");
    }
    URI url;
    try {
      url = new URI(given.get());
    } catch (URISyntaxException e) {
      throw new ArgumentException("--rekor-url takes a URL, found " + given.get());
    }
    if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new ArgumentException(
          "--rekor-url takes http(s)://HOST[:PORT] such as https://rekor.sigstore.dev, found "
              + given.get());
    }
    return Optional.of(url);
  }

  private static TlsTrust tlsTrust(Map<String, String> env) throws ArgumentException {
    try {
      return TlsCaVariable.trust(env);
    } catch (TlsCaVariable.Unusable e) {
      throw new ArgumentException(e.getMessage());
    }
  }

  /**
   * A Rekor lookup at the given URL, or at the trusted root's first transparency log: before the
   * lookup there is no log id to choose a log by.
   */
  private static LegacyLookup legacyLookup(
      TrustedRoot root, Optional<URI> rekorUrl, TlsTrust tlsTrust) {
    Optional<URI> url =
        rekorUrl.or(() -> root.transparencyLogs().stream().findFirst().map(log -> log.baseUrl()));
    if (url.isEmpty()) {
      return (envelope, certificate) -> {
        throw new PolicyException(
            PolicyCheck.REKOR_LOOKUP,
            "a transparency log in the trusted root, or --rekor-url, to look the entry up in",
            "none");
      };
    }
    return new RekorLegacyLookup(
        RekorTransparencyLog.of(url.get(), SigstoreHttp.create(tlsTrust, RetryPolicy.standard())));
  }

  /** The certificate identity the command line asks for. */
  private static IdentityPolicy identity(CommandLine line) throws ArgumentException {
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
