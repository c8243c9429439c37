package dev.provenanceaction;

import dev.provenanceaction.action.ActionVersion;
import dev.provenanceaction.action.GenerateMain;
import dev.provenanceaction.action.UnexpectedFailure;
import dev.provenanceaction.action.WorkflowCommands;
import dev.provenanceaction.cli.CommandContext;
import dev.provenanceaction.cli.VerifyArtifactCommand;
import dev.provenanceaction.cli.VerifyBundleCommand;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import dev.provenanceaction.sigstore.tuf.TufMirrors;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Picks the command: {@code generate} (the action's default), {@code verify-artifact}, {@code
 * verify-bundle}, {@code --help}, {@code --version}.
 */
public final class Main {
  /**
   * Made when printed, not when the class is: the commands' own texts would otherwise start their
   * classes (and compile their patterns) in every run.
   */
  private static String usage() {
    return String.join(
        "\n",
        "Usage: provenance-action <command> [options]",
        "",
        "Commands:",
        "  generate          sign SLSA provenance for the given subjects (the default as an action)",
        "  verify-artifact   check artifacts against their SLSA provenance before installing them",
        "  verify-bundle     check an artifact against a Sigstore bundle and a signer identity",
        "  --help            show this text",
        "  --version         show the version",
        "",
        "generate options (the action's inputs, as flags):",
        "  --subject-base64 B64      base64 of sha256sum/sha512sum output",
        "  --subject-checksums FILE  a file holding sha256sum/sha512sum output",
        "  --subject-path GLOBS      files to hash: dist/*, **/*.whl, !dist/*.txt (comma-separated)",
        "  --digest-algorithm ALG    sha256 (default) or sha512, for --subject-path",
        "  --provenance-name NAME    file name, ending in .intoto.jsonl",
        "                            (default: <subject>.intoto.jsonl or multiple.intoto.jsonl)",
        "  --predicate-type TYPE     slsa-v1 (default) or slsa-v0.2",
        "  --sigstore INSTANCE       public-good (default), staging, ephemeral, or a directory",
        "                            with trusted_root.json, signing_config.json [tls-ca.pem]",
        "  --private-repository      allow a private repository's name in the public log",
        "  --output-dir DIR          where to write the file (default: the current directory),",
        "                            made with its parents if missing",
        "",
        "Run as a GitHub Action (GITHUB_ACTIONS=true, no arguments), generate reads its inputs",
        "from INPUT_* variables and writes GITHUB_OUTPUT and the job summary.",
        "",
        VerifyArtifactCommand.USAGE,
        VerifyBundleCommand.USAGE,
        "verify-artifact and verify-bundle exit 0 when verified, 1 when not (the failed check,",
        "the expected and the found value on stderr), 2 for a usage error.",
        "");
  }

  private Main() {}

  public static void main(String[] args) {
    OptionalInt tuned = TunedJvm.runIfBare(List.of(args), System.getenv());
    if (tuned.isPresent()) {
      // This JVM wrote nothing and holds nothing: its orderly shutdown would only add 8 ms.
      Runtime.getRuntime().halt(tuned.getAsInt());
    }
    // A library thread that dies must not print a stack trace into the job's log.
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, failure) ->
            System.err.println(
                WorkflowCommands.plainLine(
                    "background thread "
                        + thread.getName()
                        + ": "
                        + UnexpectedFailure.describe(failure))));
    // github-api and sigstore-java's TUF client log through java.util.logging, unescaped and with
    // stack traces; every failure that matters reaches the user through our own, escaped messages
    // instead. Naming a configuration class that configures nothing leaves the root logger without
    // handlers, like LogManager.reset(), but costs nothing until something logs: starting
    // LogManager and reading logging.properties took 30 ms of a 300 ms ephemeral run.
    System.setProperty("java.util.logging.config.class", NoLogging.class.getName());
    findLoggerBackend();
    int exitCode = run(List.of(args), System.getenv(), System.out, System.err);
    stopHttpClientSelectors();
    System.exit(exitCode);
  }

  /**
   * The first certificate any command parses asks for the JDK's security event logger, and the JDK
   * finds its logger backend ({@link SilentLoggerFinder}) by looking through every jar on the class
   * path, each opened and its directory read. Begun on another thread while the command reads its
   * input, that no longer holds up the first certificate, nor the TLS provider's start beside it
   * (which looks through the same jars for URL handlers and waits for the same lock): 5 ms of a
   * signing run's 0.26 s (BENCHMARKS.md, session 9).
   */
  private static void findLoggerBackend() {
    Thread finder =
        new Thread(
            () -> System.getLogger("jdk.event.security").isLoggable(System.Logger.Level.DEBUG),
            "logger-backend");
    finder.setDaemon(true);
    finder.start();
  }

  /**
   * The JVM's exit waits up to 300 ms for every thread that is running native code, and each JDK 17
   * {@code HttpClient} keeps one until the client is garbage collected: its selector thread, in
   * {@code epoll_wait}. JDK 21's {@code HttpClient.close()} stops it; 17 has no such call, but the
   * selector's loop ends when its thread is interrupted. A signed run ended 0.3 s sooner (1.38 s to
   * 0.78 s wall, plain {@code java -jar}, scripts/bench-sign).
   */
  static void stopHttpClientSelectors() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 8];
    int count = root.enumerate(threads);
    for (int i = 0; i < count; i++) {
      String name = threads[i].getName();
      if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
        threads[i].interrupt();
      }
    }
  }

  /**
   * Runs a command; an exception none of them expected becomes one line without a stack trace or
   * its message (which might quote a secret), and exit code 1.
   */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    try {
      return dispatch(args, env, out, err);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      WorkflowCommands log =
          "true".equals(env.get("GITHUB_ACTIONS"))
              ? WorkflowCommands.forRunner(out)
              : WorkflowCommands.forTerminal(err);
      log.error(UnexpectedFailure.TITLE, UnexpectedFailure.describe(e));
      return GenerateMain.EXIT_FAILED;
    }
  }

  private static int dispatch(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    boolean onRunner = "true".equals(env.get("GITHUB_ACTIONS"));
    if (args.isEmpty()) {
      if (onRunner) {
        return new GenerateMain(env, TufMirrors.SIGSTORE, out, err).runAsAction();
      }
      err.print(usage());
      return GenerateMain.EXIT_USAGE;
    }
    switch (args.get(0)) {
      case "--help":
      case "-h":
      case "help":
        out.print(usage());
        return GenerateMain.EXIT_OK;
      case "--version":
        out.println("provenance-action " + ActionVersion.ofThisBuild().orElse("development"));
        return GenerateMain.EXIT_OK;
      case "generate":
        GenerateMain generate = new GenerateMain(env, TufMirrors.SIGSTORE, out, err);
        List<String> options = args.subList(1, args.size());
        return onRunner && options.isEmpty()
            ? generate.runAsAction()
            : generate.runFromCommandLine(options);
      case "verify-artifact":
        return new VerifyArtifactCommand(new CommandContext(env, TufMirror.PUBLIC_GOOD, out, err))
            .run(args.subList(1, args.size()));
      case "verify-bundle":
        return new VerifyBundleCommand(new CommandContext(env, TufMirror.PUBLIC_GOOD, out, err))
            .run(args.subList(1, args.size()));
      default:
        err.println("error: unknown command '" + args.get(0) + "'\n");
        err.print(usage());
        return GenerateMain.EXIT_USAGE;
    }
  }
}
