package dev.provenanceaction.verify;

import dev.provenanceaction.cli.VerifyArtifactCommand;
import dev.provenanceaction.cli.VerifyBundleCommand;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import dev.provenanceaction.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The exit code and output of one run of a verify command, and the fixture paths they take. */
record CommandRun(int exitCode, String out, String err) {
  static final String ROOT = path(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT);
  static final String SLSA_JSONL = path(Fixtures.SLSA_GENERATOR_JSONL);
  static final String SLSA_ARTIFACT = path(Fixtures.SLSA_GENERATOR_ARTIFACT);
  static final String SLSA_SHA256 =
      "376e7e01348585b6e6643bc6663146b9d525d9b41228bf180eaeb4d4a3706caa";
  static final String ATTEST_BUNDLE = path(Fixtures.ATTEST_BUNDLE);
  static final String ATTEST_ARTIFACT = path(Fixtures.ATTEST_ARTIFACT);
  static final String ATTEST_SHA256 =
      "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";
  static final String ATTEST_SAN =
      "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main";
  static final String SLSA_SAN =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
          + "generator_generic_slsa3.yml@refs/tags/v2.1.0";

  static String path(String fixture) {
    return Fixtures.path(fixture).toString();
  }

  /** Runs verify-artifact offline against the fixture trusted root. */
  static CommandRun verifyArtifact(String... args) {
    List<String> all = new ArrayList<>(List.of("--trusted-root", ROOT, "--offline"));
    all.addAll(List.of(args));
    return verifyArtifactExactly(all);
  }

  static CommandRun verifyArtifactExactly(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new VerifyArtifactCommand(Map.of(), TufMirror.PUBLIC_GOOD, print(out), print(err))
            .run(args);
    return new CommandRun(code, text(out), text(err));
  }

  static CommandRun verifyBundleExactly(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new VerifyBundleCommand(Map.of(), TufMirror.PUBLIC_GOOD, print(out), print(err)).run(args);
    return new CommandRun(code, text(out), text(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
