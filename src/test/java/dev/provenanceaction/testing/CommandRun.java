package dev.provenanceaction.testing;

import dev.provenanceaction.cli.CommandContext;
import dev.provenanceaction.cli.VerifyArtifactCommand;
import dev.provenanceaction.cli.VerifyBundleCommand;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exit code and output of one run of a verify command, and the fixture paths they take, for the
 * tests of the commands.
 */
public record CommandRun(int exitCode, String out, String err) {
  public static final String ROOT = path(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT);
  public static final String SLSA_JSONL = path(Fixtures.SLSA_GENERATOR_JSONL);
  public static final String SLSA_ARTIFACT = path(Fixtures.SLSA_GENERATOR_ARTIFACT);
  public static final String ATTEST_BUNDLE = path(Fixtures.ATTEST_BUNDLE);
  public static final String ATTEST_ARTIFACT = path(Fixtures.ATTEST_ARTIFACT);

  public static String path(String fixture) {
    return Fixtures.path(fixture).toString();
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new VerifyArtifactCommand(context(env, out, err)).run(args);
    return new CommandRun(code, text(out), text(err));
  }

  public static CommandRun verifyBundleExactly(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new VerifyBundleCommand(context(Map.of(), out, err)).run(args);
    return new CommandRun(code, text(out), text(err));
  }

  /** A context with this environment, the public-good TUF repository, and these outputs. */
  private static CommandContext context(
      Map<String, String> env, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return new CommandContext(env, TufMirror.PUBLIC_GOOD, print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
