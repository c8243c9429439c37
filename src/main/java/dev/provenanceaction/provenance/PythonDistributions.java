package dev.provenanceaction.provenance;

import dev.provenanceaction.subject.DigestAlgorithm;
import dev.provenanceaction.subject.Subject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subjects that are Python distributions (wheels, sdists as {@code .tar.gz}, and legacy {@code
 * .zip} sdists), each as PyPI names it: by its file name alone, with its sha256. PyPI matches an
 * attestation's one subject to the uploaded file by exactly that name and digest.
 *
 * @param distributions one subject per distribution, named by file name, sha256
 * @param others the subjects that are no distribution, as given
 */
public record PythonDistributions(List<Subject> distributions, List<Subject> others) {
  /** What ends the name of every file PyPI accepts as a distribution. */
  public static final List<String> EXTENSIONS = List.of(".whl", ".tar.gz", ".zip");

  /** The kind PyPI's integrity API and twine read from an attestation's file name. */
  public static final String ATTESTATION_SUFFIX = ".slsa.attestation";

  public PythonDistributions {
    distributions = List.copyOf(distributions);
    others = List.copyOf(others);
  }

  /**
   * Picks the distributions from the subjects.
   *
   * @throws IllegalArgumentException if two distributions have the same file name (they would share
   *     one attestation file and one PyPI name) or a distribution has only a sha512 (PyPI checks an
   *     attestation against the file's sha256)
   */
  public static PythonDistributions select(List<Subject> subjects) {
    List<Subject> distributions = new ArrayList<>();
    List<Subject> others = new ArrayList<>();
    Map<String, String> pathsByFileName = new HashMap<>();
    for (Subject subject : subjects) {
      String fileName = fileName(subject.name());
      if (EXTENSIONS.stream().noneMatch(fileName::endsWith)) {
        others.add(subject);
        continue;
      }
      String earlier = pathsByFileName.putIfAbsent(fileName, subject.name());
      if (earlier != null) {
        throw new IllegalArgumentException(
            "two subjects have the file name '"
                + fileName
                + "' ('"
                + earlier
                + "' and '"
                + subject.name()
                + "'): PyPI names a distribution by its file name, so they would share one"
                + " attestation; give each distribution once");
      }
      if (subject.algorithm() != DigestAlgorithm.SHA256) {
        throw new IllegalArgumentException(
            "'"
                + subject.name()
                + "' has a "
                + subject.algorithm().inTotoName()
                + " digest only: PyPI checks an attestation against the file's sha256; give"
                + " sha256sum output or digest-algorithm sha256");
      }
      distributions.add(new Subject(fileName, subject.algorithm(), subject.digest()));
    }
    return new PythonDistributions(distributions, others);
  }

  /** The name of the attestation file for a distribution, as twine finds it beside the file. */
  public static String attestationFileName(Subject distribution) {
    return distribution.name() + ATTESTATION_SUFFIX;
  }

  private static String fileName(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
