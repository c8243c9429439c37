package dev.provenanceaction.cli;

import dev.provenanceaction.verify.Artifact;
import dev.provenanceaction.verify.IdentityPolicy;
import dev.provenanceaction.verify.VerificationPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code verify-bundle}: checks one artifact, or a digest, against a Sigstore bundle signed by an
 * exact certificate identity: one holding an in-toto statement with any predicate that lists the
 * artifact, or a blob signature ({@code messageSignature}) over the artifact's digest.
 */
public final class VerifyBundleCommand {
  public static final String USAGE =
      String.join(
          "\n",
          "verify-bundle --bundle FILE --certificate-identity URI --certificate-oidc-issuer URL",
          "              [--trusted-root FILE] [--offline] [--json] (ARTIFACT | --digest sha256:HEX)",
          "  --bundle FILE                    a Sigstore bundle JSON (or a .intoto.jsonl), a PEP 740",
          "                                   attestation or a PyPI provenance object",
          "  --certificate-identity URI       the exact subject alternative name of the signer",
          "  --certificate-oidc-issuer URL    the OIDC issuer of the signer",
          "  --digest sha256:HEX              the artifact's digest, instead of the artifact",
          "  --trusted-root FILE              a Sigstore trusted root (default: public-good via TUF)",
          "  --offline                        never use the network (needs --trusted-root)",
          "  --json                           print a JSON result on stdout",
          "");

  private static final Set<String> OPTIONS =
      Set.of(
          "--bundle",
          "--certificate-identity",
          "--certificate-oidc-issuer",
          "--digest",
          "--trusted-root");
  private static final Set<String> SWITCHES = Set.of("--offline", "--json");

  private final CommandContext context;

  public VerifyBundleCommand(CommandContext context) {
    this.context = context;
  }

  /** Returns 0 when the artifact verified, 1 when it did not, 2 for a usage error. */
  public int run(List<String> args) {
    try {
      CommandLine line = CommandLine.parse(args, OPTIONS, SWITCHES);
      IdentityPolicy identity =
          IdentityPolicy.issuedBy(line.required("--certificate-oidc-issuer"))
              .withSubjectAlternativeName(line.required("--certificate-identity"));
      Path bundle = Path.of(line.required("--bundle"));
      Optional<String> digest = line.value("--digest");
      if (digest.isPresent() == !line.operands().isEmpty() || line.operands().size() > 1) {
        throw new ArgumentException("give one ARTIFACT or --digest sha256:HEX");
      }
      Optional<Path> trustedRoot = line.value("--trusted-root").map(Path::of);
      TrustedRootSource.checkOffline(trustedRoot, line.has("--offline"));
      String text = VerifyRun.read(bundle);
      List<Artifact> artifacts =
          digest.isPresent()
              ? List.of(VerifyRun.ofDigest("--digest", digest.get()))
              : VerifyRun.hash(line.operands());
      return VerifyRun.run(
          context,
          bundle,
          text,
          VerificationPolicy.anyStatementOrBlob(artifacts, identity),
          Optional.empty(),
          trustedRoot,
          new VerifyReport(context.out(), context.err(), line.has("--json"), false));
    } catch (ArgumentException e) {
      return VerifyRun.usage(context.err(), e.getMessage() + "\nusage: " + USAGE);
    }
  }
}
