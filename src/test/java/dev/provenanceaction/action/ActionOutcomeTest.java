package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.tuf.TufMirrors;
import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.CommandRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continue-on-error} and the last-resort handler for exceptions nobody expected. */
class ActionOutcomeTest {
  private static final String SUMS =
      Base64.getEncoder()
          .encodeToString(("a".repeat(64) + "  pkg.whl\n").getBytes(StandardCharsets.UTF_8));
  private static final String SECRET = "ghs_neverShownInAnyMessage0123456789";

  @TempDir Path temp;

  @Test
  void continueOnErrorTurnsAFailureIntoOutcomeFailureAndExitZero() {
    ActionRun run =
        new ActionRun(temp)
            .input("sigstore", "ephemeral")
            .input("subject-base64", "%%% not base64")
            .input("continue-on-error", "true")
            .run();

    assertEquals(0, run.exitCode());
    assertEquals("outcome=failure\n", run.outputs());
    assertTrue(
        run.stdout().startsWith("::error title=Invalid subjects::subject-base64 is not valid"),
        run.stdout());
    assertTrue(
        run.stdout()
            .endsWith(
                "::notice title=Continuing after the failure::continue-on-error is true: the step"
                    + " succeeds, with output outcome=failure\n"),
        run.stdout());
  }

  @Test
  void continueOnErrorReportsSuccessToo() {
    ActionRun run =
        new ActionRun(temp)
            .input("sigstore", "ephemeral")
            .input("subject-base64", SUMS)
            .input("continue-on-error", "true")
            .run();

    assertEquals(0, run.exitCode(), run.stdout());
    assertTrue(run.outputs().startsWith("provenance-name=pkg.whl.intoto.jsonl\n"), run.outputs());
    assertTrue(run.outputs().endsWith("\noutcome=success\n"), run.outputs());
  }

  @Test
  void withoutContinueOnErrorAFailureFailsTheStepAndSetsNoOutcome() {
    ActionRun run =
        new ActionRun(temp)
            .input("sigstore", "ephemeral")
            .input("subject-base64", "%%% not base64")
            .input("continue-on-error", "false")
            .run();

    assertEquals(1, run.exitCode());
    assertEquals("", run.outputs());
  }

  @Test
  void anInvalidContinueOnErrorFailsTheStep() {
    ActionRun run =
        new ActionRun(temp)
            .input("sigstore", "ephemeral")
            .input("subject-base64", SUMS)
            .input("continue-on-error", "maybe")
            .run();

    assertEquals(1, run.exitCode());
    assertEquals(
        "::error title=Invalid continue-on-error::continue-on-error must be true or false, not"
            + " 'maybe'\n",
        run.stdout());
  }

  /** An environment whose server URL cannot be read: stands in for any bug deep in a step. */
  private Map<String, String> brokenEnvironment(String continueOnError) throws IOException {
    Path workspace = Files.createDirectories(temp.resolve("workspace"));
    Map<String, String> env =
        new HashMap<>() {
          @Override
          public String get(Object key) {
            if ("GITHUB_SERVER_URL".equals(key)) {
              throw new IllegalStateException("cannot read " + key + " with " + SECRET);
            }
            return super.get(key);
          }

          @Override
          public String getOrDefault(Object key, String defaultValue) {
            String value = get(key);
            return value == null ? defaultValue : value;
          }
        };
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_WORKSPACE", workspace.toString());
    env.put("GITHUB_OUTPUT", temp.resolve("outputs").toString());
    env.put("INPUT_GITHUB-TOKEN", SECRET);
    env.put("INPUT_SIGSTORE", "ephemeral");
    env.put("INPUT_SUBJECT-BASE64", SUMS);
    env.put("INPUT_CONTINUE-ON-ERROR", continueOnError);
    return env;
  }

  @Test
  void anUnexpectedExceptionIsOneCleanErrorWithoutItsMessage() throws IOException {
    CommandRun run = runAsAction(brokenEnvironment("false"));

    assertEquals(1, run.exitCode());
    String printed = run.out();
    assertEquals(
        "::add-mask::"
            + SECRET
            + "\n::error title=Unexpected failure::provenance-action stopped on an unexpected"
            + " java.lang.IllegalStateException in action.ActionOutcomeTest$1.get:",
        printed.substring(0, printed.indexOf(':', printed.indexOf(".get:") + 1) + 1));
    assertTrue(
        printed.endsWith(
            ". This is a bug; please report it with this line (see SECURITY.md). Its message is"
                + " left out in case it holds a secret.\n"),
        printed);
    assertFalse(printed.contains("cannot read"), "no exception message");
    assertFalse(printed.contains("\tat "), "no stack trace");
    assertEquals(1, printed.split(SECRET, -1).length - 1, "the token only in its mask");
    assertEquals("", run.err());
  }

  @Test
  void anUnexpectedExceptionIsAFailureContinueOnErrorCanContinueAfter() throws IOException {
    CommandRun run = runAsAction(brokenEnvironment("true"));

    assertEquals(0, run.exitCode(), run.out());
    assertEquals("outcome=failure\n", Files.readString(temp.resolve("outputs")));
  }

  /** As the runner starts it, but with an environment no {@link ActionRun} would make. */
  private static CommandRun runAsAction(Map<String, String> env) {
    return CommandRun.of(
        (out, err) -> new GenerateMain(env, TufMirrors.SIGSTORE, out, err).runAsAction());
  }
}
