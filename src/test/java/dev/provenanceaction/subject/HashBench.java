package dev.provenanceaction.subject;

import java.nio.file.Path;
import java.util.List;

/**
 * Entry point for {@code scripts/bench-hash}: resolves and hashes {@code subject-path} patterns as
 * the action does, prints the subjects as sha256sum does (for the script to check against it) and
 * the time spent inside the JVM on standard error.
 *
 * <p>Usage: {@code HashBench WORKSPACE PATTERNS [sha256|sha512]}
 */
public final class HashBench {
  private HashBench() {}

  public static void main(String[] args) throws SubjectException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: HashBench WORKSPACE PATTERNS [sha256|sha512]");
      System.exit(2);
    }
    DigestAlgorithm algorithm =
        args.length == 3
            ? DigestAlgorithm.forName(args[2])
                .orElseThrow(() -> new IllegalArgumentException("unknown algorithm " + args[2]))
            : DigestAlgorithm.SHA256;
    long start = System.nanoTime();
    List<Subject> subjects = SubjectFiles.resolve(Path.of(args[0]), args[1], algorithm);
    long elapsed = System.nanoTime() - start;
    StringBuilder out = new StringBuilder();
    for (Subject subject : subjects) {
      out.append(subject.digest()).append("  ").append(subject.name()).append('\n');
    }
    System.out.print(out);
    System.err.printf("in-JVM: %d subjects in %.3f s%n", subjects.size(), elapsed / 1e9);
  }
}
