package dev.provenanceaction.testing;

import dev.provenanceaction.action.GenerateMain;
import dev.provenanceaction.cli.CommandContext;
import dev.provenanceaction.cli.VerifyArtifactCommand;
import dev.provenanceaction.cli.VerifyBundleCommand;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import dev.provenanceaction.sigstore.tuf.TufMirrors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exit code and output of one run of a command (a verify command, {@code generate}, or {@code
 * Main} itself), and the fixture paths the verify commands take, for the tests of the commands.
 */
public record CommandRun(int exitCode, String out, String err) {
  public static final String ROOT = path(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT);
  public static final String SLSA_JSONL = path(Fixtures.SLSA_GENERATOR_JSONL);
  public static final String SLSA_ARTIFACT = path(Fixtures.SLSA_GENERATOR_ARTIFACT);
  public static final String ATTEST_BUNDLE = path(Fixtures.ATTEST_BUNDLE);
  public static final String ATTEST_ARTIFACT = path(Fixtures.ATTEST_ARTIFACT);

  /** A command that writes to these two streams and returns its exit code. */
  @FunctionalInterface
  public interface Command {
    int run(PrintStream out, PrintStream err);
  }

  public static String path(String fixture) {
    return Fixtures.path(fixture).toString();
  }

  /** Runs the command with standard output and standard error each caught as UTF-8 text. */
  public static CommandRun of(Command command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = command.run(print(out), print(err));
    return new CommandRun(code, text(out), text(err));
  }

  /** Runs verify-artifact offline against the fixture trusted root. */
  public static CommandRun verifyArtifact(String... args) {
    List<String> all = new ArrayList<>(List.of("--trusted-root", ROOT, "--offline"));
    all.addAll(List.of(args));
    return verifyArtifactExactly(all);
  }

  public static CommandRun verifyArtifactExactly(List<String> args) {
    return verifyArtifactExactly(Map.of(), args);
  }

  /** Runs verify-artifact with this environment and these arguments alone. */
  public static CommandRun verifyArtifactExactly(Map<String, String> env, List<String> args) {
    return verifyArtifactExactly(env, TufMirror.PUBLIC_GOOD, args);
  }

  /** As above, fetching the trusted root from {@code mirror} when no --trusted-root is given. */
  public static CommandRun verifyArtifactExactly(
      Map<String, String> env, TufMirror mirror, List<String> args) {
    return of(
        (out, err) ->
            new VerifyArtifactCommand(new CommandContext(env, mirror, out, err)).run(args));
  }

  public static CommandRun verifyBundleExactly(List<String> args) {
    return verifyBundleExactly(Map.of(), TufMirror.PUBLIC_GOOD, args);
  }

  public static CommandRun verifyBundleExactly(
      Map<String, String> env, TufMirror mirror, List<String> args) {
    return of(
        (out, err) -> new VerifyBundleCommand(new CommandContext(env, mirror, out, err)).run(args));
  }

  /** Runs {@code generate} from the command line with this environment and Sigstore's TUF. */
  public static CommandRun generate(Map<String, String> env, List<String> args) {
    return of(
        (out, err) ->
            new GenerateMain(env, TufMirrors.SIGSTORE, out, err).runFromCommandLine(args));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
