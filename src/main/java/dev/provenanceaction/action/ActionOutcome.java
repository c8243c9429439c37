package dev.provenanceaction.action;

import java.io.IOException;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * How a run of {@code generate} ends: an exception nobody expected becomes one clean annotation
 * instead of a stack trace, and with {@code continue-on-error: true} a failure becomes the output
 * {@code outcome=failure} and exit code 0, so that the release can go on without provenance.
 */
final class ActionOutcome {
  static final String OUTPUT = "outcome";

  private final WorkflowCommands log;
  private final Optional<StepOutputs> outputs;

  ActionOutcome(WorkflowCommands log, Optional<StepOutputs> outputs) {
    this.log = log;
    this.outputs = outputs;
  }

  /**
   * Runs the body and returns its exit code, or 0 for a failure the inputs ask to continue on.
   *
   * @param usageExit the exit code for an invalid {@code continue-on-error}
   */
  int run(Inputs inputs, int usageExit, IntSupplier body) {
    boolean continueOnError;
    try {
      continueOnError = inputs.getBoolean(GenerateMain.CONTINUE_ON_ERROR, false);
    } catch (UsageException e) {
      log.error(e.title(), e.getMessage());
      return usageExit;
    }
    int exit = runGuarded(body);
    if (!continueOnError) {
      return exit;
    }
    boolean succeeded = exit == GenerateMain.EXIT_OK;
    if (outputs.isPresent()) {
      try {
        outputs.get().set(OUTPUT, succeeded ? "success" : "failure");
      } catch (IOException e) {
        log.error("I/O error", "cannot set the output " + OUTPUT + ": " + e.getMessage());
        return GenerateMain.EXIT_FAILED;
      }
    }
    if (!succeeded) {
      log.notice(
          "Continuing after the failure",
          "continue-on-error is true: the step succeeds, with output outcome=failure");
    }
    return GenerateMain.EXIT_OK;
  }

  // A stack overflow or a runaway allocation on hostile input is reported like any other bug.
  private int runGuarded(IntSupplier body) {
    try {
      return body.getAsInt();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      log.error(UnexpectedFailure.TITLE, UnexpectedFailure.describe(e));
      return GenerateMain.EXIT_FAILED;
    }
  }
}
