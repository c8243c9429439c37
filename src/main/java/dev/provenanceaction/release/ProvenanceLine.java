package dev.provenanceaction.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.bundle.BundleFormatException;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import java.io.IOException;
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
 * @param readable whether {@link SigstoreBundle#parse} accepts it and its payload is a statement
 * @param run the run attempt its statement names, if any
 * @param subjectNames the names of its statement's subjects
 */
record ProvenanceLine(
    String text,
    byte[] utf8,
    boolean readable,
    Optional<RunAttempt> run,
    Set<String> subjectNames) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static ProvenanceLine parse(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    SigstoreBundle bundle;
    JsonNode statement;
    try {
      bundle = SigstoreBundle.parse(text);
      statement = JSON.readTree(bundle.envelope().payload());
    } catch (BundleFormatException | IOException | RuntimeException e) {
      return new ProvenanceLine(text, utf8, false, Optional.empty(), Set.of());
    }
    if (statement == null || !statement.isObject()) {
      return new ProvenanceLine(text, utf8, false, Optional.empty(), Set.of());
    }
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode subject : statement.path("subject")) {
      if (subject.path("name").isTextual()) {
        names.add(subject.path("name").asText());
      }
    }
    return new ProvenanceLine(
        text, utf8, true, runOf(statement.path("predicate")), Set.copyOf(names));
  }

  /**
   * Whether a new line supersedes this one: both come from the same run, this one from an earlier
   * attempt, and they share a subject. A re-run replaces its own earlier lines; a "re-run failed
   * jobs" attempt must not drop the lines of the matrix jobs that succeeded the first time and are
   * not run again, whose subjects differ.
   */
  boolean isSupersededBy(ProvenanceLine newer) {
    if (run.isEmpty() || newer.run.isEmpty() || !run.get().isEarlierAttemptOf(newer.run.get())) {
      return false;
    }
    for (String name : subjectNames) {
      if (newer.subjectNames.contains(name)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<RunAttempt> runOf(JsonNode predicate) {
    JsonNode slsaV1 = predicate.path("runDetails").path("metadata").path("invocationId");
    if (slsaV1.isTextual()) {
      return RunAttempt.fromInvocationId(slsaV1.asText());
    }
    JsonNode slsaV02 = predicate.path("metadata").path("buildInvocationID");
    if (slsaV02.isTextual()) {
      return RunAttempt.fromBuildInvocationId(slsaV02.asText());
    }
    return Optional.empty();
  }
}
