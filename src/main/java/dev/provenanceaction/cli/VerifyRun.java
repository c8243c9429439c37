package dev.provenanceaction.cli;

import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.verify.Artifact;
import dev.provenanceaction.verify.ArtifactResult;
import dev.provenanceaction.verify.ArtifactVerifier;
import dev.provenanceaction.verify.Failure;
import dev.provenanceaction.verify.LegacyLookup;
import dev.provenanceaction.verify.PolicyException;
import dev.provenanceaction.verify.ProvenanceFile;
import dev.provenanceaction.verify.VerificationPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The steps both verify commands share once their command line is checked: read the provenance file
 * and hash the artifacts (a usage error if either is unreadable), get the trusted root, verify,
 * report. Exit codes: 0 verified, 1 not verified, 2 usage error.
 */
final class VerifyRun {
  static final int EXIT_VERIFIED = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-fA-F]{64}");

  private VerifyRun() {}

  /**
   * Parses before the trusted root is loaded, so an unreadable file is named as such even when
   * there is no root to check it against.
   *
   * @param legacyLookups makes the lookup of legacy envelopes' log entries for the trusted root;
   *     empty when they cannot be looked up (offline)
   */
  static int run(
      CommandContext context,
      Path provenancePath,
      String provenanceText,
      VerificationPolicy policy,
      Optional<Function<TrustedRoot, LegacyLookup>> legacyLookups,
      Optional<Path> trustedRootPath,
      VerifyReport report) {
    List<ArtifactResult> results;
    try {
      List<ProvenanceFile.Entry> entries =
          ProvenanceFile.parse(provenanceText, policy, legacyLookups.isPresent());
      TrustedRoot root = TrustedRootSource.load(trustedRootPath, context.mirror(), context.env());
      ArtifactVerifier verifier = ArtifactVerifier.create(root, policy);
      if (legacyLookups.isPresent()) {
        verifier = verifier.withLegacyLookup(legacyLookups.get().apply(root));
      }
      results = verifier.verify(entries);
    } catch (PolicyException e) {
      results = ArtifactResult.failedAll(policy.artifacts(), Failure.of(e));
    } catch (TrustedRootSource.TrustedRootException e) {
      results =
          ArtifactResult.failedAll(policy.artifacts(), new Failure("TRUSTED_ROOT", e.getMessage()));
    }
    return report.print(provenancePath.toString(), results) ? EXIT_VERIFIED : EXIT_FAILED;
  }

  static String read(Path provenancePath) throws ArgumentException {
    try {
      return Files.readString(provenancePath, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ArgumentException("cannot read " + provenancePath + ": " + reason(e));
    }
  }

  /** Hashes each file, or says which one cannot be read. */
  static List<Artifact> hash(List<String> files) throws ArgumentException {
    List<Artifact> artifacts = new ArrayList<>();
    for (String file : files) {
      try {
        artifacts.add(Artifact.hash(Path.of(file)));
      } catch (IOException e) {
        throw new ArgumentException("cannot read the artifact " + file + ": " + reason(e));
      }
    }
    return artifacts;
  }

  /**
   * An artifact known by its digest alone, such as a file on PyPI that is not downloaded.
   *
   * @param name what to call it in the report
   * @param digest {@code sha256:} and 64 hex digits, as {@code --digest} takes it
   * @throws ArgumentException if the digest is not in that form
   */
  static Artifact ofDigest(String name, String digest) throws ArgumentException {
    if (!SHA256.matcher(digest).matches()) {
      throw new ArgumentException("--digest takes sha256: and 64 hex digits, found " + digest);
    }
    return new Artifact(name, digest.substring("sha256:".length()).toLowerCase(Locale.ROOT));
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof MalformedInputException) {
      return "not UTF-8 text";
    }
    return e.toString();
  }

  static int usage(PrintStream err, String message) {
    err.println("error: " + message);
    return EXIT_USAGE;
  }
}
