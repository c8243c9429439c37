package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.CommandRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code output-dir} that does not exist yet is made, with its parents; what is written is 0644.
 */
class GenerateOutputDirectoryTest {
  private static final String SUMS = "a".repeat(64) + "  pkg.whl\n";

  @TempDir Path temp;

  private ActionRun action(String outputDir) {
    return new ActionRun(temp)
        .input("sigstore", "ephemeral")
        .input(
            "subject-base64",
            Base64.getEncoder().encodeToString(SUMS.getBytes(StandardCharsets.UTF_8)))
        .input("output-dir", outputDir);
  }

  static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theActionMakesAMissingOutputDirectoryAndItsParents() throws Exception {
    ActionRun run = action("dist/provenance").run();

    assertEquals(0, run.exitCode(), run.stdout());
    Path directory = run.workspace().resolve("dist/provenance");
    assertEquals("rw-r--r--", mode(directory.resolve("pkg.whl.intoto.jsonl")));
    assertEquals("rw-r--r--", mode(directory.resolve("trusted_root.json")));
    assertEquals("rwxr-xr-x", mode(directory));
    assertEquals("rwxr-xr-x", mode(directory.getParent()));
    assertTrue(
        run.outputs().contains("provenance-path=" + directory.resolve("pkg.whl.intoto.jsonl")),
        run.outputs());
  }

  @Test
  void theCommandLineMakesAMissingOutputDirectory() throws Exception {
    Path sums = Files.writeString(temp.resolve("SHA256SUMS"), SUMS);
    Path directory = temp.resolve("out/a/b");

    CommandRun run =
        CommandRun.generate(
            Map.of(),
            List.of(
                "--sigstore",
                "ephemeral",
                "--subject-checksums",
                sums.toString(),
                "--output-dir",
                directory.toString()));

    assertEquals(0, run.exitCode(), run.err());
    assertEquals("rw-r--r--", mode(directory.resolve("pkg.whl.intoto.jsonl")));
    assertEquals("rw-r--r--", mode(directory.resolve("trusted_root.json")));
  }

  @Test
  void aFileWhereADirectoryShouldBeIsRefusedBeforeSigning() throws Exception {
    Files.createDirectories(temp.resolve("workspace"));
    Files.writeString(temp.resolve("workspace/dist"), "a file");

    ActionRun run = action("dist/provenance").run();

    assertEquals(1, run.exitCode());
    assertEquals(
        "::error title=Output directory in the way::output-dir: "
            + run.workspace().resolve("dist")
            + " exists and is not a directory, so "
            + run.workspace().resolve("dist/provenance")
            + " cannot be one\n",
        run.stdout());
    assertEquals("a file", Files.readString(temp.resolve("workspace/dist")));
  }

  @Test
  void aMissingDirectoryBehindALinkOutOfTheWorkspaceIsRefused() throws Exception {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.createDirectories(temp.resolve("workspace"));
    Files.createSymbolicLink(temp.resolve("workspace/out"), outside);

    ActionRun run = action("out/new").run();

    assertEquals(1, run.exitCode());
    assertTrue(
        run.stdout()
            .startsWith(
                "::error title=Path outside the workspace::output-dir 'out/new' leads through a"
                    + " symbolic link to "
                    + outside.toRealPath()),
        run.stdout());
    assertFalse(Files.exists(outside.resolve("new")));
  }
}
