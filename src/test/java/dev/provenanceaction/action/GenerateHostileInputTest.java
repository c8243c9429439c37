package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.ActionRun;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input meant to escape the workspace, exhaust memory or crash the action gets one specific
 * annotation, exit code 1 (or 0 with {@code continue-on-error}), no stack trace and no file.
 */
class GenerateHostileInputTest {
  private static final String A = "a".repeat(64);

  @TempDir Path temp;

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private ActionRun action() {
    return new ActionRun(temp)
        .input("sigstore", "ephemeral")
        .input("subject-base64", base64(A + "  pkg.whl\n"));
  }

  private Path outside() throws IOException {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("SHA256SUMS"), A + "  pkg.whl\n");
    return outside;
  }

  private static void assertRefused(ActionRun run, String title, String message)
      throws IOException {
    assertEquals(1, run.exitCode(), run.stdout());
    assertEquals("::error title=" + title + "::" + message + "\n", run.stdout());
    assertEquals("", run.stderr());
    assertEquals("", run.outputs());
    try (Stream<Path> files = Files.walk(run.workspace())) {
      assertEquals(
          List.of(),
          files.filter(Files::isRegularFile).filter(f -> f.toString().contains("intoto")).toList());
    }
  }

  static Stream<Arguments> escapingPaths() {
    return Stream.of(
        Arguments.of("output-dir", "..", "output-dir '..' is outside the workspace"),
        Arguments.of("output-dir", "dist/../../outside", "output-dir 'dist/../../outside' is"),
        Arguments.of("output-dir", "/tmp", "output-dir '/tmp' is outside the workspace"),
        Arguments.of(
            "subject-checksums",
            "../outside/SHA256SUMS",
            "subject-checksums '../outside/SHA256SUMS' is outside the workspace"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("escapingPaths")
  void refusesPathsOutsideTheWorkspace(String input, String value, String message)
      throws IOException {
    outside();
    ActionRun run = action().input(input, value);
    if (input.equals("subject-checksums")) {
      run.input("subject-base64", "");
    }
    run.run();

    assertEquals(1, run.exitCode(), run.stdout());
    assertTrue(
        run.stdout().startsWith("::error title=Path outside the workspace::" + message),
        run.stdout());
    assertTrue(run.stdout().contains("use a path relative to it"), run.stdout());
    assertFalse(Files.exists(temp.resolve("outside/pkg.whl.intoto.jsonl")));
  }

  @Test
  void refusesSymbolicLinksLeadingOutOfTheWorkspace() throws IOException {
    Path outside = outside();
    Files.createDirectories(temp.resolve("workspace"));
    Files.createSymbolicLink(temp.resolve("workspace/out"), outside);
    Files.createSymbolicLink(temp.resolve("workspace/sums"), outside.resolve("SHA256SUMS"));

    ActionRun toDirectory = action().input("output-dir", "out").run();
    assertRefused(
        toDirectory,
        "Path outside the workspace",
        "output-dir 'out' leads through a symbolic link to "
            + outside.toRealPath()
            + ", outside the workspace "
            + temp.resolve("workspace").toRealPath()
            + "; as an action, this step reads and writes files in the workspace only");

    ActionRun fromFile =
        action().input("subject-base64", "").input("subject-checksums", "sums").run();
    assertEquals(1, fromFile.exitCode());
    assertTrue(
        fromFile
            .stdout()
            .startsWith(
                "::error title=Path outside the workspace::subject-checksums 'sums' leads through a"
                    + " symbolic link to "
                    + outside.resolve("SHA256SUMS").toRealPath()),
        fromFile.stdout());
    assertFalse(Files.exists(outside.resolve("pkg.whl.intoto.jsonl")));
  }

  @Test
  void refusesToWriteThroughASymbolicLinkAtTheProvenancePath() throws IOException {
    Path target = outside().resolve("SHA256SUMS");
    Path link = Files.createDirectories(temp.resolve("workspace")).resolve("pkg.whl.intoto.jsonl");
    Files.createSymbolicLink(link, target);

    ActionRun run = action().run();

    assertEquals(1, run.exitCode());
    assertEquals(
        "::error title=Symbolic link in the way::provenance-name: "
            + link
            + " is a symbolic link to "
            + target
            + "; refusing to write through or over it: remove it first\n",
        run.stdout());
    assertEquals(A + "  pkg.whl\n", Files.readString(target), "the link's target is untouched");
  }

  @Test
  void allowsPathsThatStayInside() throws IOException {
    Files.createDirectories(temp.resolve("workspace/dist"));
    Files.writeString(temp.resolve("workspace/dist/SHA256SUMS"), A + "  pkg.whl\n");

    ActionRun run =
        action()
            .input("subject-base64", "")
            .input("subject-checksums", "dist/../dist/SHA256SUMS")
            .input("output-dir", temp.resolve("workspace/dist").toString())
            .input("upload-assets", "false")
            .run();

    assertEquals(0, run.exitCode(), run.stdout());
    assertTrue(Files.exists(temp.resolve("workspace/dist/pkg.whl.intoto.jsonl")));
  }

  @Test
  void refusesBase64OverSixtyFourMebibytes() throws IOException {
    ActionRun run = action().input("subject-base64", "A".repeat(64 * 1024 * 1024 + 4)).run();

    assertRefused(
        run,
        "Invalid subjects",
        "subject-base64 is longer than 67108864 bytes (64 MiB); that is not the checksums of a"
            + " release");
  }

  @Test
  void refusesAChecksumsFileOverSixtyFourMebibytesWithoutReadingIt() throws IOException {
    Path sums = Files.createDirectories(temp.resolve("workspace")).resolve("SHA256SUMS");
    try (RandomAccessFile sparse = new RandomAccessFile(sums.toFile(), "rw")) {
      sparse.setLength(64L * 1024 * 1024 + 1);
    }

    ActionRun run =
        action().input("subject-base64", "").input("subject-checksums", "SHA256SUMS").run();

    assertRefused(
        run,
        "Invalid subjects",
        "subject-checksums: the file is larger than 67108864 bytes (64 MiB); that is not the"
            + " checksums of a release");
  }

  @Test
  void refusesALineOverSixtyFourKibibytes() throws IOException {
    String line = A + "  " + "n".repeat(64 * 1024) + "\n";

    ActionRun run = action().input("subject-base64", base64(A + "  a.whl\n" + line)).run();

    assertRefused(
        run,
        "Invalid subjects",
        "subject-base64: line 2: longer than 65536 bytes (64 KiB); is this sha256sum output?");
  }

  @Test
  void refusesAnEventPayloadOverSixteenMebibytes() throws IOException {
    Path event = temp.resolve("big-event.json");
    try (RandomAccessFile sparse = new RandomAccessFile(event.toFile(), "rw")) {
      sparse.setLength(16L * 1024 * 1024 + 1);
    }

    ActionRun run =
        action()
            .env("GITHUB_EVENT_PATH", event.toString())
            .input("predicate-type", "slsa-v0.2")
            .run();

    assertRefused(
        run,
        "Event payload too large",
        "GITHUB_EVENT_PATH holds more than 16777216 bytes (16 MiB), too much to embed in"
            + " slsa-v0.2 provenance; use predicate-type slsa-v1, which does not embed the event");
  }

  @Test
  void refusesAnEventPayloadThatIsNoObject() throws IOException {
    Path event = Files.writeString(temp.resolve("event.json"), "[1, 2]");

    ActionRun run =
        action()
            .env("GITHUB_EVENT_PATH", event.toString())
            .input("predicate-type", "slsa-v0.2")
            .run();

    assertRefused(
        run,
        "Unreadable event payload",
        "GITHUB_EVENT_PATH holds a JSON ARRAY, not an event object");
  }

  /** Regression: a subject named like a directory made no default file name and crashed. */
  @Test
  void aSubjectThatMakesNoFileNameAsksForProvenanceName() throws IOException {
    ActionRun run = action().input("subject-base64", base64(A + "  dist/\n")).run();

    assertRefused(
        run,
        "Invalid provenance-name",
        "the subject's name makes no file name (the provenance file name '.intoto.jsonl' needs a"
            + " name before .intoto.jsonl); set provenance-name to name the provenance file");
  }

  /** Regression: a server URL with a trailing slash crashed the statement's serialisation. */
  @Test
  void aMalformedServerUrlIsRefusedBeforeSigning() throws IOException {
    ActionRun run = action().env("GITHUB_SERVER_URL", "github.com").run();

    assertRefused(
        run,
        "Invalid GITHUB_SERVER_URL",
        "GITHUB_SERVER_URL must be the server's https URL, like https://github.com, not"
            + " 'github.com'");
    assertEquals(0, action().env("GITHUB_SERVER_URL", "https://github.com/").run().exitCode());
  }
}
