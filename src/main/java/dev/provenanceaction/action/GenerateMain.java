package dev.provenanceaction.action;

import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.verify.VerificationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code generate} as the action (inputs from {@code INPUT_*}, outputs to {@code
 * GITHUB_OUTPUT}, a job summary, {@code ::error::} annotations) or from the command line (flags,
 * plain messages, exit codes).
 */
public final class GenerateMain {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  public GenerateMain(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** As the action: every failure is an annotation and exit code 1, which fails the step. */
  public int runAsAction() {
    WorkflowCommands log = WorkflowCommands.forRunner(out);
    try {
      Inputs inputs = Inputs.fromEnvironment(env, GenerateOptions.INPUT_NAMES);
      Path workspace = Path.of(env.getOrDefault("GITHUB_WORKSPACE", "."));
      GenerateOptions options = GenerateOptions.from(inputs, workspace);
      GenerateResult result = new GenerateCommand(env, log).run(options);
      report(result, log);
      return EXIT_OK;
    } catch (UsageException e) {
      log.error(e.title(), e.getMessage());
    } catch (SigstoreException e) {
      log.error(e.service() + " failed", e.getMessage());
    } catch (VerificationException e) {
      log.error("Self-verification failed", e.getMessage());
    } catch (IOException e) {
      log.error("I/O error", e.getMessage());
    }
    return EXIT_FAILED;
  }

  /** From the command line: usage errors exit 2, failures 1. */
  public int runFromCommandLine(List<String> args) {
    WorkflowCommands log = WorkflowCommands.forTerminal(err);
    try {
      Inputs inputs =
          Inputs.fromArguments(args, GenerateOptions.INPUT_NAMES, GenerateOptions.BOOLEAN_INPUTS);
      GenerateOptions options = GenerateOptions.from(inputs, Path.of(""));
      GenerateResult result = new GenerateCommand(env, log).run(options);
      out.println(result.provenancePath());
      if (result.trustedRootPath() != null) {
        log.info("trusted root of the ephemeral instance: " + result.trustedRootPath());
      }
      return EXIT_OK;
    } catch (UsageException e) {
      log.error(e.title(), e.getMessage());
      return EXIT_USAGE;
    } catch (SigstoreException | VerificationException | IOException e) {
      log.error("failed", e.getMessage());
      return EXIT_FAILED;
    }
  }

  private void report(GenerateResult result, WorkflowCommands log) throws IOException {
    String outputFile = env.get("GITHUB_OUTPUT");
    if (outputFile != null && !outputFile.isEmpty()) {
      StepOutputs outputs = new StepOutputs(Path.of(outputFile));
      outputs.set("provenance-name", result.fileName());
      outputs.set("provenance-path", result.provenancePath().toString());
      outputs.set("subject-count", Integer.toString(result.subjects().size()));
      outputs.set("rekor-log-index", Long.toString(result.logIndex()));
    }
    String summaryFile = env.get("GITHUB_STEP_SUMMARY");
    if (summaryFile != null && !summaryFile.isEmpty()) {
      StepSummary.append(Path.of(summaryFile), StepSummary.render(result, verifyCommand(result)));
    }
    log.notice(
        "Provenance written",
        result.provenancePath()
            + ": "
            + result.subjects().size()
            + " subject(s), transparency log index "
            + result.logIndex());
  }

  /** The command a user runs to check one of the artifacts against this file. */
  String verifyCommand(GenerateResult result) {
    String repository = env.getOrDefault("GITHUB_REPOSITORY", "OWNER/REPO");
    String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
    String host = server.replaceFirst("^https?://", "");
    String ref = env.getOrDefault("GITHUB_REF", "");
    String refFlag =
        ref.startsWith("refs/tags/")
            ? " --source-tag " + ref.substring("refs/tags/".length())
            : ref.startsWith("refs/heads/")
                ? " --source-branch " + ref.substring("refs/heads/".length())
                : "";
    String trustedRoot =
        result.trustedRootPath() == null
            ? ""
            : " --trusted-root " + result.trustedRootPath().getFileName();
    return "java -jar provenance-action.jar verify-artifact --provenance-path "
        + result.fileName()
        + " --source-uri "
        + host
        + "/"
        + repository
        + refFlag
        + trustedRoot
        + " "
        + result.subjects().get(0).name();
  }
}
