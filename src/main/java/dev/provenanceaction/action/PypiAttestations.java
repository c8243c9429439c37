package dev.provenanceaction.action;

import dev.provenanceaction.provenance.PredicateType;
import dev.provenanceaction.provenance.ProvenanceStatement;
import dev.provenanceaction.provenance.PythonDistributions;
import dev.provenanceaction.provenance.WorkflowClaims;
import dev.provenanceaction.sigstore.bundle.BundleFormatException;
import dev.provenanceaction.sigstore.bundle.Pep740Attestation;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.subject.Subject;
import dev.provenanceaction.verify.BundleVerifier;
import dev.provenanceaction.verify.Check;
import dev.provenanceaction.verify.VerificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A PEP 740 attestation per Python distribution, for PyPI: each an in-toto statement with the
 * distribution as its one subject and the run's SLSA v1 predicate, signed with the run's one
 * certificate and logged on its own. Everything that can be refused is refused before anything is
 * signed.
 */
final class PypiAttestations {
  /** At most this many log requests at once: enough to hide the round trips, few for the log. */
  static final int MAX_CONCURRENT_LOG_REQUESTS = 8;

  private final Path directory;
  private final List<Subject> distributions;

  private PypiAttestations(Path directory, List<Subject> distributions) {
    this.directory = directory;
    this.distributions = distributions;
  }

  /**
   * Picks the distributions among the subjects; the others are named in a notice.
   *
   * @throws UsageException two distributions of one file name, a sha512-only distribution, none at
   *     all, or a file in the way
   */
  static PypiAttestations plan(List<Subject> subjects, Path directory, WorkflowCommands log)
      throws UsageException {
    PythonDistributions selected;
    try {
      selected = PythonDistributions.select(subjects);
    } catch (IllegalArgumentException e) {
      throw new UsageException("Invalid subjects for pypi-attestations", e.getMessage());
    }
    if (selected.distributions().isEmpty()) {
      throw new UsageException(
          "No Python distribution",
          "pypi-attestations: no subject is a Python distribution (a name ending in "
              + String.join(", ", PythonDistributions.EXTENSIONS)
              + "); set pypi-attestations: false or add the wheels and sdists");
    }
    for (Subject distribution : selected.distributions()) {
      WorkspacePaths.checkWritable(
          "pypi-attestations-dir",
          directory.resolve(PythonDistributions.attestationFileName(distribution)));
    }
    if (!selected.others().isEmpty()) {
      log.notice(
          "No PyPI attestation",
          selected.others().size()
              + " subject(s) are no Python distribution and get no PyPI attestation: "
              + selected.others().stream()
                  .map(subject -> WorkflowCommands.plainLine(subject.name()))
                  .collect(Collectors.joining(", ")));
    }
    return new PypiAttestations(directory, selected.distributions());
  }

  Path directory() {
    return directory;
  }

  /**
   * Refuses the reusable-workflow form: its certificate names the repository of the workflow that
   * runs (this project's), and PyPI takes an attestation only from the publisher's repository.
   */
  static void checkPublisherIdentity(WorkflowClaims claims) throws UsageException {
    if (!claims.jobWorkflowRef().startsWith(claims.repository() + "/")) {
      throw new UsageException(
          "pypi-attestations needs the action",
          "pypi-attestations: this job runs the reusable workflow "
              + claims.jobWorkflowRef()
              + ", so the certificate would name that workflow's repository, not "
              + claims.repository()
              + ", and PyPI rejects an attestation not signed by the Trusted Publisher's own"
              + " repository. Use the action as a step of a job in "
              + claims.repository()
              + " instead of the reusable workflow");
    }
  }

  /** One statement per distribution, in the order of {@link #distributions}. */
  List<byte[]> statements(WorkflowClaims claims, String serverUrl) {
    List<byte[]> statements = new ArrayList<>();
    for (Subject distribution : distributions) {
      statements.add(
          ProvenanceStatement.serialize(
              PredicateType.SLSA_V1, List.of(distribution), claims, serverUrl, null));
    }
    return statements;
  }

  /**
   * The attestation files, each read back as a bundle and verified like the release file. They are
   * checked on both cores: 50 verifications on one took as long as the rest of the run.
   *
   * @param bundles the signed statements, in the order of {@link #statements}
   */
  Map<Path, byte[]> files(
      List<byte[]> statements, List<SigstoreBundle> bundles, BundleVerifier verifier)
      throws VerificationException {
    List<byte[]> checked;
    try {
      checked =
          IntStream.range(0, distributions.size())
              .parallel()
              .mapToObj(i -> checked(statements.get(i), bundles.get(i), verifier, i))
              .toList();
    } catch (CompletionException e) {
      throw (VerificationException) e.getCause();
    }
    Map<Path, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < distributions.size(); i++) {
      files.put(
          directory.resolve(PythonDistributions.attestationFileName(distributions.get(i))),
          checked.get(i));
    }
    return files;
  }

  /** The attestation file's bytes, once they have read back into a bundle that verifies. */
  private byte[] checked(
      byte[] statement, SigstoreBundle bundle, BundleVerifier verifier, int index) {
    String json = Pep740Attestation.toJson(bundle);
    try {
      SigstoreBundle readBack;
      try {
        readBack = Pep740Attestation.parse(json);
      } catch (BundleFormatException e) {
        throw new VerificationException(
            Check.LOG_BODY,
            "the PEP 740 attestation written does not read back: " + e.getMessage());
      }
      if (!Arrays.equals(verifier.verify(readBack).statement(), statement)) {
        throw new VerificationException(
            Check.LOG_BODY,
            "the signed payload is not the statement of " + distributions.get(index).name());
      }
    } catch (VerificationException e) {
      throw new CompletionException(e);
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
