package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.ActionRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input fails the step with a specific annotation before anything is signed, and
 * leaves the workspace and the outputs file as they were.
 */
class GenerateInputErrorsTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @TempDir Path temp;

  static Stream<Arguments> badSubjects() {
    return Stream.of(
        Arguments.of("not base64", null, "subject-base64 is not valid standard base64"),
        Arguments.of(
            "a line that is not HEX NAME",
            A + "  a.whl\nnot a checksum line\n",
            "subject-base64: line 2: expected '<hex digest>  <file name>'"),
        Arguments.of(
            "a bad digest length",
            A + "  a.whl\n" + "c".repeat(63) + "  b.whl\n",
            "subject-base64: line 2: digest has 63 hex digits; sha256 needs 64, sha512 needs 128"),
        Arguments.of(
            "a non-hex digest",
            "g".repeat(64) + "  a.whl\n",
            "subject-base64: line 1: expected '<hex digest>  <file name>' as sha256sum prints it,"
                + " but the digest holds"),
        Arguments.of(
            "a missing name", A + "  \n", "subject-base64: line 1: no file name after the digest"),
        Arguments.of(
            "one name, two digests",
            A + "  a.whl\n" + B + "  b.whl\n" + B + "  a.whl\n",
            "subject-base64: line 3: 'a.whl' is listed again with a different digest"),
        Arguments.of("zero subjects", "\n\r\n\n", "subject-base64: no subjects"),
        Arguments.of(
            "a control character in a name",
            "\\" + A + "  a\\nb.whl\n",
            "subject-base64: line 1: the file name 'a\\u000ab.whl' contains the control character"
                + " U+000A"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSubjects")
  void refusesBadSubjects(String label, String checksums, String expected) throws IOException {
    String input =
        checksums == null
            ? "%%% not base64 %%%"
            : Base64.getEncoder().encodeToString(checksums.getBytes(StandardCharsets.UTF_8));

    ActionRun run =
        new ActionRun(temp).input("sigstore", "ephemeral").input("subject-base64", input).run();

    assertEquals(1, run.exitCode());
    String prefix = "::error title=Invalid subjects::";
    assertTrue(run.stdout().startsWith(prefix), run.stdout());
    String message = run.stdout().substring(prefix.length());
    assertTrue(message.startsWith(expected.replace("\\", "\\")), "got: " + message);
    assertNothingWritten(run);
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of("provenance-name", "../x.intoto.jsonl", "Invalid provenance-name"),
        Arguments.of("provenance-name", "x.json", "Invalid provenance-name"),
        Arguments.of("predicate-type", "slsa-v9", "Invalid predicate-type"),
        Arguments.of("sigstore", "/nonexistent/instance", "Invalid sigstore"),
        Arguments.of("private-repository", "maybe", "Invalid private-repository"),
        Arguments.of("subject-checksums", "missing.sha256", "Subjects missing"),
        Arguments.of("subject-path", "dist/*", "Subjects missing"),
        Arguments.of("digest-algorithm", "sha512", "Invalid digest-algorithm"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badOptions")
  void refusesBadOptions(String input, String value, String title) throws IOException {
    ActionRun run =
        new ActionRun(temp)
            .input("sigstore", "ephemeral")
            .input(
                "subject-base64",
                Base64.getEncoder()
                    .encodeToString((A + "  a.whl\n").getBytes(StandardCharsets.UTF_8)))
            .input(input, value)
            .run();

    assertEquals(1, run.exitCode());
    assertTrue(run.stdout().startsWith("::error title=" + title + "::"), run.stdout());
    assertNothingWritten(run);
  }

  private static void assertNothingWritten(ActionRun run) throws IOException {
    try (Stream<Path> files = Files.list(run.workspace())) {
      assertEquals(0, files.count(), "the workspace stays empty");
    }
    assertEquals("", run.outputs());
    assertEquals("", run.summary());
  }
}
