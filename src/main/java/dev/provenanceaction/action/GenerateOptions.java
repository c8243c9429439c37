package dev.provenanceaction.action;

import dev.provenanceaction.provenance.PredicateType;
import dev.provenanceaction.provenance.ProvenanceFileName;
import dev.provenanceaction.sigstore.InstanceChoice;
import dev.provenanceaction.sigstore.tuf.TufMirrors;
import dev.provenanceaction.subject.DigestAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code generate} was asked to do, validated: every check that needs no network is made here,
 * so that bad input fails before anything is fetched, signed or written.
 *
 * @param subjectBase64 base64 of sha256sum output, or null
 * @param subjectChecksums a sha256sum output file, or null
 * @param subjectPath globs of files to hash, relative to the workspace, or null
 * @param digestAlgorithm the digest of files matched by {@code subjectPath}
 * @param workspace where relative paths start
 * @param provenanceName the file name to write, when set
 * @param predicateType the provenance format
 * @param sigstore the Sigstore instance to sign with
 * @param privateRepository whether the user accepts a private repository's name in a public log
 * @param outputDir where the provenance file goes
 * @param pypiAttestationsDir where a PEP 740 attestation per Python distribution goes (created if
 *     missing), or empty when none is asked for
 */
public record GenerateOptions(
    String subjectBase64,
    Path subjectChecksums,
    String subjectPath,
    DigestAlgorithm digestAlgorithm,
    Path workspace,
    Optional<ProvenanceFileName> provenanceName,
    PredicateType predicateType,
    InstanceChoice sigstore,
    boolean privateRepository,
    Path outputDir,
    Optional<Path> pypiAttestationsDir) {

  static final String DEFAULT_PYPI_ATTESTATIONS_DIR = "pypi-attestations";

  public static final Set<String> INPUT_NAMES =
      Set.of(
          "subject-base64",
          "subject-checksums",
          "subject-path",
          "digest-algorithm",
          "provenance-name",
          "predicate-type",
          "sigstore",
          "private-repository",
          "output-dir",
          "pypi-attestations",
          "pypi-attestations-dir");
  public static final Set<String> BOOLEAN_INPUTS =
      Set.of("private-repository", "pypi-attestations");

  /**
   * Validates the inputs.
   *
   * @param inputs the inputs by name
   * @param paths the workspace (action) or the working directory (CLI): relative paths start there,
   *     and the file is written there unless {@code output-dir} says otherwise
   * @param mirrors the TUF repositories of {@code sigstore: public-good} and {@code staging}
   */
  public static GenerateOptions from(Inputs inputs, WorkspacePaths paths, TufMirrors mirrors)
      throws UsageException {
    Optional<String> base64 = inputs.get("subject-base64");
    Optional<String> checksums = inputs.get("subject-checksums");
    Optional<String> globs = inputs.get("subject-path");
    long given = Stream.of(base64, checksums, globs).filter(Optional::isPresent).count();
    if (given != 1) {
      throw new UsageException(
          "Subjects missing",
          given > 1
              ? "give exactly one of subject-base64, subject-checksums and subject-path"
              : "one of subject-base64, subject-checksums or subject-path is required: base64 of"
                  + " sha256sum output, the path of a file holding that output, or globs of the"
                  + " files themselves");
    }
    Optional<String> algorithmName = inputs.get("digest-algorithm");
    if (algorithmName.isPresent() && globs.isEmpty()) {
      throw new UsageException(
          "Invalid digest-algorithm",
          "digest-algorithm applies to subject-path only; sha256sum/sha512sum output carries its"
              + " own");
    }
    DigestAlgorithm algorithm =
        DigestAlgorithm.forName(algorithmName.orElse("sha256"))
            .orElseThrow(
                () ->
                    new UsageException(
                        "Invalid digest-algorithm",
                        "digest-algorithm must be sha256 or sha512, not '"
                            + algorithmName.get()
                            + "'"));
    Path checksumsFile =
        checksums.isPresent()
            ? paths.file("subject-checksums", checksums.get(), "Checksums file not found")
            : null;
    Optional<ProvenanceFileName> name;
    PredicateType predicateType;
    InstanceChoice sigstore;
    try {
      name = inputs.get("provenance-name").map(ProvenanceFileName::parse);
    } catch (IllegalArgumentException e) {
      throw new UsageException("Invalid provenance-name", e.getMessage());
    }
    try {
      predicateType =
          inputs.get("predicate-type").map(PredicateType::parse).orElse(PredicateType.SLSA_V1);
    } catch (IllegalArgumentException e) {
      throw new UsageException("Invalid predicate-type", e.getMessage());
    }
    sigstore = sigstore(inputs.get("sigstore").orElse("public-good"), mirrors);
    Path outputDir = paths.directory("output-dir", inputs.get("output-dir").orElse(""));
    Optional<Path> pypiAttestationsDir = pypiAttestationsDir(inputs, paths, predicateType);
    return new GenerateOptions(
        base64.orElse(null),
        checksumsFile,
        globs.orElse(null),
        algorithm,
        paths.base(),
        name,
        predicateType,
        sigstore,
        inputs.getBoolean("private-repository", false),
        outputDir,
        pypiAttestationsDir);
  }

  private static Optional<Path> pypiAttestationsDir(
      Inputs inputs, WorkspacePaths paths, PredicateType predicateType) throws UsageException {
    Optional<String> directory = inputs.get("pypi-attestations-dir");
    // No error for a directory without pypi-attestations: action.yml gives it a default.
    if (!inputs.getBoolean("pypi-attestations", false)) {
      return Optional.empty();
    }
    if (predicateType != PredicateType.SLSA_V1) {
      throw new UsageException(
          "Invalid predicate-type",
          "pypi-attestations needs predicate-type slsa-v1: PyPI accepts SLSA provenance v1"
              + " (https://slsa.dev/provenance/v1) and no older version");
    }
    return Optional.of(
        paths.directory("pypi-attestations-dir", directory.orElse(DEFAULT_PYPI_ATTESTATIONS_DIR)));
  }

  /** The {@code sigstore} input: public-good's and staging's TUF repositories, or a directory. */
  static InstanceChoice sigstore(String value, TufMirrors mirrors) throws UsageException {
    switch (value) {
      case "public-good":
        return InstanceChoice.publicGood(mirrors.publicGood());
      case "staging":
        return InstanceChoice.staging(mirrors.staging());
      case "ephemeral":
        return InstanceChoice.ephemeral();
      default:
        Path directory = Path.of(value);
        if (!Files.isDirectory(directory)) {
          throw new UsageException(
              "Invalid sigstore",
              "sigstore must be public-good, staging, ephemeral or a directory holding "
                  + InstanceChoice.TRUSTED_ROOT_FILE
                  + " and "
                  + InstanceChoice.SIGNING_CONFIG_FILE
                  + "; '"
                  + value
                  + "' is none of these");
        }
        for (String file :
            new String[] {InstanceChoice.TRUSTED_ROOT_FILE, InstanceChoice.SIGNING_CONFIG_FILE}) {
          if (!Files.isRegularFile(directory.resolve(file))) {
            throw new UsageException(
                "Invalid sigstore", "sigstore directory " + value + " has no " + file);
          }
        }
        return InstanceChoice.custom(directory);
    }
  }
}
