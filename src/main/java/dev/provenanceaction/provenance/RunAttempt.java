package dev.provenanceaction.provenance;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One attempt of one workflow run, as a statement names it: SLSA v1 {@code
 * runDetails.metadata.invocationId} ({@code .../actions/runs/<run_id>/attempts/<n>}) or SLSA v0.2
 * {@code metadata.buildInvocationID} ({@code <run_id>-<n>}).
 */
public record RunAttempt(String runId, int attempt) {
  private static final Pattern INVOCATION_ID =
      Pattern.compile("/actions/runs/([0-9]+)/attempts/([0-9]+)$");
  private static final Pattern BUILD_INVOCATION_ID = Pattern.compile("^([0-9]+)-([0-9]+)$");

  public static Optional<RunAttempt> fromInvocationId(String invocationId) {
    return match(INVOCATION_ID, invocationId);
  }

  public static Optional<RunAttempt> fromBuildInvocationId(String buildInvocationId) {
    return match(BUILD_INVOCATION_ID, buildInvocationId);
  }

  /** Whether this is an earlier attempt of the same run as {@code other}. */
  public boolean isEarlierAttemptOf(RunAttempt other) {
    return runId.equals(other.runId) && attempt < other.attempt;
  }

  private static Optional<RunAttempt> match(Pattern pattern, String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher matcher = pattern.matcher(value);
    if (!matcher.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RunAttempt(matcher.group(1), Integer.parseInt(matcher.group(2))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
