package dev.provenanceaction.action;

import dev.provenanceaction.release.PublishLog;
import dev.provenanceaction.release.ReleaseException;
import dev.provenanceaction.release.ReleasePublisher;
import dev.provenanceaction.release.ReleaseRequest;
import dev.provenanceaction.release.ReleaseResult;
import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.retry.Sleeper;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.tuf.TufMirrors;
import dev.provenanceaction.verify.VerificationException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs {@code generate} as the action (inputs from {@code INPUT_*}, outputs to {@code
 * GITHUB_OUTPUT}, a job summary, {@code ::error::} annotations) or from the command line (flags,
 * plain messages, exit codes).
 */
public final class GenerateMain {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  /** When true, a failure sets the output {@code outcome=failure} and the step still succeeds. */
  static final String CONTINUE_ON_ERROR = "continue-on-error";

  static final Set<String> INPUT_NAMES =
      union(GenerateOptions.INPUT_NAMES, PublishOptions.INPUT_NAMES, Set.of(CONTINUE_ON_ERROR));
  static final Set<String> BOOLEAN_INPUTS =
      union(
          GenerateOptions.BOOLEAN_INPUTS, PublishOptions.BOOLEAN_INPUTS, Set.of(CONTINUE_ON_ERROR));

  private final Map<String, String> env;
  private final TufMirrors mirrors;
  private final PrintStream out;
  private final PrintStream err;
  private final Sleeper sleeper;
  private final InstantSource networkClock;

  /**
   * @param mirrors the TUF repositories of {@code sigstore: public-good} and {@code staging}:
   *     Sigstore's own, which no input or variable can change
   */
  public GenerateMain(
      Map<String, String> env, TufMirrors mirrors, PrintStream out, PrintStream err) {
    this(env, mirrors, out, err, Sleeper.THREAD, Deadline.MONOTONIC);
  }

  private GenerateMain(
      Map<String, String> env,
      TufMirrors mirrors,
      PrintStream out,
      PrintStream err,
      Sleeper sleeper,
      InstantSource networkClock) {
    this.env = env;
    this.mirrors = mirrors;
    this.out = out;
    this.err = err;
    this.sleeper = sleeper;
    this.networkClock = networkClock;
  }

  /**
   * Replaces the waiting between retries and the clock that times the run's {@link Deadline}, so
   * that a test of a dead service takes no real minute.
   */
  public GenerateMain withNetworkTime(Sleeper sleeper, InstantSource networkClock) {
    return new GenerateMain(env, mirrors, out, err, sleeper, networkClock);
  }

  /**
   * As the action: every failure is an annotation and exit code 1, which fails the step, unless
   * {@code continue-on-error} is true.
   */
  public int runAsAction() {
    WorkflowCommands log = WorkflowCommands.forRunner(out);
    Inputs inputs = Inputs.fromEnvironment(env, INPUT_NAMES);
    maskSecrets(inputs, log);
    return new ActionOutcome(log, outputs())
        .run(
            inputs,
            EXIT_FAILED,
            () -> {
              Path workspace = Path.of(env.getOrDefault("GITHUB_WORKSPACE", "."));
              return run(inputs, WorkspacePaths.confinedTo(workspace), log, EXIT_FAILED);
            });
  }

  /** From the command line: usage errors exit 2, failures 1. */
  public int runFromCommandLine(List<String> args) {
    WorkflowCommands log = WorkflowCommands.forTerminal(err);
    Inputs inputs;
    try {
      inputs = Inputs.fromArguments(args, INPUT_NAMES, BOOLEAN_INPUTS);
    } catch (UsageException e) {
      log.error(e.title(), e.getMessage());
      return EXIT_USAGE;
    }
    maskSecrets(inputs, log);
    return new ActionOutcome(log, Optional.empty())
        .run(
            inputs,
            EXIT_USAGE,
            () -> run(inputs, WorkspacePaths.relativeTo(Path.of("")), log, EXIT_USAGE));
  }

  /** Masked before anything else is read, so no later line can show them. */
  private void maskSecrets(Inputs inputs, WorkflowCommands log) {
    inputs.get("github-token").ifPresent(log::addMask);
    log.addMask(env.get(IdentityStep.REQUEST_TOKEN));
  }

  private int run(Inputs inputs, WorkspacePaths paths, WorkflowCommands log, int usageExit) {
    // One budget for all the run's network calls, so that a dead service ends the run in time.
    Deadline deadline = Deadline.after(Deadline.RUN_BUDGET, networkClock);
    GenerateOptions options;
    GenerateResult result;
    PublishOptions publish;
    try {
      options = GenerateOptions.from(inputs, paths, mirrors);
      publish = PublishOptions.from(inputs, env, options.sigstore().isEphemeral());
      result = new GenerateCommand(env, log, deadline).run(options);
      reportProvenance(result, log);
    } catch (UsageException e) {
      log.error(e.title(), e.getMessage());
      return usageExit;
    } catch (SigstoreException e) {
      log.error(e.service() + " failed", e.getMessage());
      return EXIT_FAILED;
    } catch (VerificationException e) {
      log.error("Self-verification failed", e.getMessage());
      return EXIT_FAILED;
    } catch (IOException e) {
      log.error("I/O error", e.getMessage());
      return EXIT_FAILED;
    }
    if (!publish.upload()) {
      if (publish.skipNotice() != null) {
        log.notice("Upload skipped", publish.skipNotice());
      }
      return EXIT_OK;
    }
    try {
      ReleaseResult release =
          ReleasePublisher.create(publishLog(log), deadline, sleeper)
              .publish(releaseRequest(publish, result, options.provenanceName().isPresent()));
      reportRelease(release, result, log);
      return EXIT_OK;
    } catch (ReleaseException e) {
      log.error(
          e.title(),
          e.getMessage()
              + " The provenance stays at "
              + result.provenancePath()
              + " (output provenance-path) for a later step to upload.");
    } catch (IOException e) {
      log.error("I/O error", e.getMessage());
    }
    return EXIT_FAILED;
  }

  private static ReleaseRequest releaseRequest(
      PublishOptions publish, GenerateResult result, boolean fileNamed) {
    boolean attestations =
        publish.attestationsStore().orElse("public".equals(result.repositoryVisibility()));
    return ReleaseRequest.forFile(
        publish.apiUrl(),
        publish.token(),
        publish.repository(),
        publish.tagName(),
        publish.targetCommitish(),
        publish.draftRelease(),
        publish.assetConflict(),
        result.provenancePath(),
        fileNamed,
        attestations);
  }

  private static PublishLog publishLog(WorkflowCommands log) {
    return new PublishLog() {
      @Override
      public void info(String message) {
        log.info(message);
      }

      @Override
      public void notice(String title, String message) {
        log.notice(title, message);
      }

      @Override
      public void warning(String title, String message) {
        log.warning(title, message);
      }
    };
  }

  /** Outputs and summary for the file, written before the upload so a later step can retry it. */
  private void reportProvenance(GenerateResult result, WorkflowCommands log) throws IOException {
    Optional<StepOutputs> outputs = outputs();
    if (outputs.isPresent()) {
      outputs.get().set("provenance-name", result.fileName());
      outputs.get().set("provenance-path", result.provenancePath().toString());
      outputs.get().set("subject-count", Integer.toString(result.subjects().size()));
      outputs.get().set("rekor-log-index", Long.toString(result.logIndex()));
      if (result.pypiAttestationsDir() != null) {
        outputs.get().set("pypi-attestations-dir", result.pypiAttestationsDir().toString());
      }
    } else {
      out.println(WorkflowCommands.plainLine(result.provenancePath().toString()));
    }
    if (result.pypiAttestationsDir() != null) {
      log.info(
          result.pypiAttestationCount()
              + " PyPI attestation(s) (<dist>.slsa.attestation) in "
              + result.pypiAttestationsDir());
    }
    if (result.trustedRootPath() != null) {
      log.info("trusted root of the ephemeral instance: " + result.trustedRootPath());
    }
    String summaryFile = env.get("GITHUB_STEP_SUMMARY");
    if (summaryFile != null && !summaryFile.isEmpty()) {
      StepSummary.append(Path.of(summaryFile), StepSummary.render(result, verifyCommand(result)));
      log.notice(
          "Provenance written",
          result.provenancePath()
              + ": "
              + result.subjects().size()
              + " subject(s), transparency log index "
              + result.logIndex());
    }
  }

  /**
   * Outputs and notice for the upload. When the bundles went into an asset the release already
   * held, {@code provenance-name} is set again to name it (the runner keeps a step's last value of
   * an output); {@code provenance-path} stays this run's own file, which holds only its bundles.
   */
  private void reportRelease(ReleaseResult release, GenerateResult result, WorkflowCommands log)
      throws IOException {
    Optional<StepOutputs> outputs = outputs();
    if (outputs.isPresent()) {
      if (!release.provenanceName().equals(result.fileName())) {
        outputs.get().set("provenance-name", release.provenanceName());
      }
      outputs.get().set("release-id", Long.toString(release.releaseId()));
      outputs.get().set("release-url", release.releaseUrl().toString());
      outputs.get().set("asset-name", release.assetName());
      outputs.get().set("asset-url", release.assetUrl().toString());
      outputs.get().set("attestation-id", String.join(",", release.attestationIds()));
    }
    log.notice(
        "Provenance uploaded",
        release.assetName()
            + " on "
            + (release.draft() ? "draft " : "")
            + "release "
            + release.releaseUrl()
            + " now holds "
            + release.assetLineCount()
            + " bundle(s)");
  }

  private Optional<StepOutputs> outputs() {
    String outputFile = env.get("GITHUB_OUTPUT");
    return outputFile == null || outputFile.isEmpty()
        ? Optional.empty()
        : Optional.of(new StepOutputs(Path.of(outputFile)));
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> union = new HashSet<>();
    for (Set<String> set : sets) {
      union.addAll(set);
    }
    return Set.copyOf(union);
  }

  /**
   * The verifier's file on the release page of this action's version, as release.yml names it; a
   * build that is no release names the form.
   */
  static String verifierJar() {
    String version = GenerateMain.class.getPackage().getImplementationVersion();
    boolean release = version != null && !version.endsWith("-SNAPSHOT");
    return "provenance-action-v" + (release ? version : "X.Y.Z") + ".jar";
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
    return "java -jar "
        + verifierJar()
        + " verify-artifact --provenance-path "
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
