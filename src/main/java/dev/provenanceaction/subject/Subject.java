package dev.provenanceaction.subject;

import java.util.Objects;

/**
 * One artifact the provenance speaks for: its file name and one digest, hex lower-case.
 *
 * @param name the file name as the user will download it (no directory for sha256sum input)
 * @param algorithm the digest algorithm
 * @param digest the lower-case hex digest
 */
public record Subject(String name, DigestAlgorithm algorithm, String digest) {
  public Subject {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(digest, "digest");
    if (digest.length() != algorithm.hexLength()) {
      throw new IllegalArgumentException(
          "a " + algorithm.inTotoName() + " digest has " + algorithm.hexLength() + " hex digits");
    }
  }
}
