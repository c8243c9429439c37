package dev.provenanceaction.testing;

import dev.provenanceaction.action.GenerateMain;
import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.retry.Sleeper;
import dev.provenanceaction.sigstore.tuf.TufMirrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the action as the runner starts the container: {@code GITHUB_*} variables, {@code
 * INPUT_*} variables, the file-command files and {@code event.json} in a temporary directory.
 */
public final class ActionRun {
  public static final String REPOSITORY = "octo-org/octo-pkg";
  public static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  public static final String TAG = "v1.2.3";
  public static final String WORKFLOW_REF =
      REPOSITORY + "/.github/workflows/release.yml@refs/tags/" + TAG;

  private final Path root;
  private final Map<String, String> env = new HashMap<>();
  private Sleeper sleeper = Sleeper.THREAD;
  private InstantSource networkClock = Deadline.MONOTONIC;
  private TufMirrors mirrors = TufMirrors.SIGSTORE;
  private int exitCode = -1;
  private String stdout = "";
  private String stderr = "";

  public ActionRun(Path root) {
    this.root = root;
    try {
      Files.createDirectories(workspace());
      Files.createDirectories(root.resolve("file_commands"));
      Files.createDirectories(root.resolve("workflow"));
      Files.writeString(
          root.resolve("workflow/event.json"),
          "{\"ref\":\"refs/tags/"
              + TAG
              + "\",\"repository\":{\"full_name\":\""
              + REPOSITORY
              + "\"}}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.put("GITHUB_ACTIONS", "true");
    env.put("CI", "true");
    env.put("GITHUB_WORKSPACE", workspace().toString());
    env.put("GITHUB_OUTPUT", outputFile().toString());
    env.put("GITHUB_STEP_SUMMARY", summaryFile().toString());
    env.put("GITHUB_EVENT_PATH", root.resolve("workflow/event.json").toString());
    env.put("GITHUB_EVENT_NAME", "push");
    env.put("GITHUB_REPOSITORY", REPOSITORY);
    env.put("GITHUB_SHA", SHA);
    env.put("GITHUB_REF", "refs/tags/" + TAG);
    env.put("GITHUB_SERVER_URL", "https://github.com");
    env.put("GITHUB_WORKFLOW_REF", WORKFLOW_REF);
    env.put("RUNNER_TEMP", root.toString());
  }

  /** The claims GitHub puts in a token for this run. */
  public static Map<String, Object> claims(String visibility) {
    Map<String, Object> claims =
        new HashMap<>(
            GithubTokenClaims.forRun(
                REPOSITORY, "refs/tags/" + TAG, SHA, ".github/workflows/release.yml"));
    // The loopback OIDC server names itself the issuer.
    claims.remove("iss");
    claims.put("repository_id", "123456");
    claims.put("repository_owner_id", "654321");
    claims.put("repository_visibility", visibility);
    claims.put("workflow", "Release");
    claims.put("event_name", "push");
    claims.put("run_id", "987654321");
    claims.put("run_attempt", "1");
    claims.put("run_number", "42");
    claims.put("actor", "octocat");
    claims.put("actor_id", "1");
    return claims;
  }

  /**
   * A run in {@code root} that signs one file of the workspace, named by its checksum, with the
   * loopback Sigstore as a custom instance for a public repository's token, uploading nothing.
   */
  public static ActionRun signingOneFile(Path root, LoopbackSigstore sigstore, String fileName)
      throws IOException {
    sigstore.oidc().setClaims(claims("public"));
    ActionRun run = new ActionRun(root);
    Files.writeString(run.workspace().resolve(fileName), "sdist");
    String sums = "a".repeat(64) + "  " + fileName + "\n";
    return run.env(sigstore.oidcEnvironment())
        .input("sigstore", sigstore.directory().toString())
        .input("upload-assets", "false")
        .input(
            "subject-base64",
            Base64.getEncoder().encodeToString(sums.getBytes(StandardCharsets.UTF_8)));
  }

  public ActionRun input(String name, String value) {
    env.put("INPUT_" + name.toUpperCase(java.util.Locale.ROOT), value);
    return this;
  }

  public ActionRun env(Map<String, String> variables) {
    env.putAll(variables);
    return this;
  }

  public ActionRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Waits between retries with {@code sleeper}, and times the run's deadline on the clock. */
  public ActionRun networkTime(Sleeper sleeper, InstantSource networkClock) {
    this.sleeper = sleeper;
    this.networkClock = networkClock;
    return this;
  }

  /** The TUF repositories {@code sigstore: public-good} and {@code staging} are read from. */
  public ActionRun tufMirrors(TufMirrors mirrors) {
    this.mirrors = mirrors;
    return this;
  }

  public ActionRun run() {
    CommandRun run =
        CommandRun.of(
            (out, err) ->
                new GenerateMain(env, mirrors, out, err)
                    .withNetworkTime(sleeper, networkClock)
                    .runAsAction());
    exitCode = run.exitCode();
    stdout = run.out();
    stderr = run.err();
    return this;
  }

  /**
   * Runs the action's jar as its own process with this run's environment, for the scripts that time
   * a failing service from outside: prints each {@code ::error}, retry and give-up line with the
   * wall time since the process started, then the time to the first {@code ::error}, the exit code
   * and whether the provenance file is in the workspace.
   */
  public void timeAsProcess(Path jar, String provenanceFile)
      throws IOException, InterruptedException {
    ProcessBuilder process = new ProcessBuilder("java", "-jar", jar.toString());
    process.environment().putAll(environment());
    process.redirectErrorStream(true);
    long start = System.nanoTime();
    Process action = process.start();
    double toError = -1;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(action.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        double seconds = (System.nanoTime() - start) / 1e9;
        if (line.startsWith("::error") && toError < 0) {
          toError = seconds;
        }
        if (line.startsWith("::error") || line.contains("retrying") || line.contains("giving")) {
          System.out.printf(Locale.ROOT, "%7.2f s  %s%n", seconds, line);
        }
      }
    }
    int exit = action.waitFor();
    System.out.printf(
        Locale.ROOT,
        "wall time to ::error %.2f s, exit %d after %.2f s; provenance file in the workspace: %s%n",
        toError,
        exit,
        (System.nanoTime() - start) / 1e9,
        Files.exists(workspace().resolve(provenanceFile)));
  }

  /** The variables the runner would give the container. */
  public Map<String, String> environment() {
    return Map.copyOf(env);
  }

  public Path workspace() {
    return root.resolve("workspace");
  }

  public Path outputFile() {
    return root.resolve("file_commands/set_output");
  }

  public Path summaryFile() {
    return root.resolve("file_commands/step_summary");
  }

  public int exitCode() {
    return exitCode;
  }

  public String stdout() {
    return stdout;
  }

  public String stderr() {
    return stderr;
  }

  /** The outputs file as written, or empty when the action wrote none. */
  public String outputs() {
    return readIfPresent(outputFile());
  }

  public String summary() {
    return readIfPresent(summaryFile());
  }

  private static String readIfPresent(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
