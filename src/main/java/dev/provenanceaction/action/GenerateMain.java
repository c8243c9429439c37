package dev.provenanceaction.action;

import dev.provenanceaction.release.ReleaseException;
import dev.provenanceaction.release.ReleasePublisher;
import dev.provenanceaction.release.ReleaseRequest;
import dev.provenanceaction.release.ReleaseResult;
import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.retry.Sleeper;
import dev.provenanceaction.sigstore.Background;
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
import java.util.concurrent.CompletableFuture;

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
    return new ActionOutcome(log, RunReport.outputs(env))
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
    CompletableFuture<Void> githubClient;
    try {
      options = GenerateOptions.from(inputs, paths, mirrors);
      publish = PublishOptions.from(inputs, env, options.sigstore().isEphemeral());
      githubClient =
          publish.upload()
              ? Background.start(
                  "github-client",
                  () -> {
                    ReleasePublisher.prepare();
                    return null;
                  })
              : null;
      result = new GenerateCommand(env, log, deadline, sleeper).run(options);
      new RunReport(env, out, log).provenance(result);
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
    // Not made twice: what it makes, the upload reads.
    Background.await(githubClient, RuntimeException.class);
    try {
      ReleaseResult release =
          ReleasePublisher.create(log, deadline, sleeper, publish.githubTls())
              .publish(releaseRequest(publish, result, options.provenanceName().isPresent()));
      new RunReport(env, out, log).release(release, result);
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

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> union = new HashSet<>();
    for (Set<String> set : sets) {
      union.addAll(set);
    }
    return Set.copyOf(union);
  }
}
