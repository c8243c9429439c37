package dev.provenanceaction.release;

import dev.provenanceaction.provenance.RunAttempt;
import dev.provenanceaction.provenance.StatementClaims;
import dev.provenanceaction.provenance.StatementFormatException;
import dev.provenanceaction.sigstore.bundle.BundleFormatException;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One line of a {@code .intoto.jsonl} asset and what merging needs to know of it: whether it is a
 * bundle this project can read, which run attempt made it, and the names of its subjects.
 *
 * @param text the line as it was, without its line end
 * @param utf8 the text as the asset holds it, encoded once: a bundle, with its checkpoint's em
 *     dash, is UTF-16 in memory and slow to encode
 * @param claims what its statement claims, if {@link SigstoreBundle#parse} accepts it and its
 *     payload is an in-toto statement
 */
record ProvenanceLine(String text, byte[] utf8, Optional<StatementClaims> claims) {
  static ProvenanceLine parse(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    try {
      SigstoreBundle bundle = SigstoreBundle.parse(text);
      return new ProvenanceLine(
          text, utf8, Optional.of(StatementClaims.read(bundle.envelope().payload())));
    } catch (BundleFormatException | StatementFormatException | RuntimeException e) {
      return new ProvenanceLine(text, utf8, Optional.empty());
    }
  }

  /** Whether it is a bundle this project reads, holding an in-toto statement. */
  boolean readable() {
    return claims.isPresent();
  }

  /** The run attempt its statement names, if any. */
  Optional<RunAttempt> run() {
    return claims.flatMap(StatementClaims::run);
  }

  /** The names of its statement's subjects. */
  Set<String> subjectNames() {
    Set<String> names = new LinkedHashSet<>();
    claims.ifPresent(c -> c.subjects().forEach(subject -> names.add(subject.name())));
    return names;
  }

  /**
   * Whether a new line supersedes this one: both come from the same run, this one from an earlier
   * attempt, and they share a subject. A re-run replaces its own earlier lines; a "re-run failed
   * jobs" attempt must not drop the lines of the matrix jobs that succeeded the first time and are
   * not run again, whose subjects differ.
   */
  boolean isSupersededBy(ProvenanceLine newer) {
    if (run().isEmpty()
        || newer.run().isEmpty()
        || !run().get().isEarlierAttemptOf(newer.run().get())) {
      return false;
    }
    Set<String> newerNames = newer.subjectNames();
    return subjectNames().stream().anyMatch(newerNames::contains);
  }
}
