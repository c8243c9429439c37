package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.testing.ActionRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code subject-path}: the action hashes the files itself and names them as PyPI will. */
class GenerateSubjectPathTest {
  @TempDir Path temp;

  @Test
  void hashesTheMatchedFilesAndNamesThemWithoutTheirDirectory() throws Exception {
    ActionRun run = new ActionRun(temp);
    Path dist = Files.createDirectories(run.workspace().resolve("dist"));
    Files.writeString(dist.resolve("pkg-1.0-py3-none-any.whl"), "wheel");
    Files.writeString(dist.resolve("pkg-1.0.tar.gz"), "sdist");
    Files.writeString(dist.resolve("notes.txt"), "not an artifact");

    run.input("sigstore", "ephemeral")
        .input("upload-assets", "false")
        .input("subject-path", "dist/*\n!dist/*.txt")
        .input("digest-algorithm", "sha512")
        .run();

    assertEquals(0, run.exitCode(), run.stdout());
    assertTrue(run.outputs().contains("subject-count=2\n"), run.outputs());
    String line = Files.readString(run.workspace().resolve("multiple.intoto.jsonl")).strip();
    JsonNode subjects =
        new ObjectMapper().readTree(SigstoreBundle.parse(line).envelope().payload()).get("subject");
    assertEquals("pkg-1.0-py3-none-any.whl", subjects.get(0).get("name").asText());
    assertEquals(sha512("wheel"), subjects.get(0).at("/digest/sha512").asText());
    assertEquals("pkg-1.0.tar.gz", subjects.get(1).get("name").asText());
    assertEquals(sha512("sdist"), subjects.get(1).at("/digest/sha512").asText());
  }

  @Test
  void aPatternThatMatchesNothingIsAnInputError() throws Exception {
    ActionRun run =
        new ActionRun(temp)
            .input("sigstore", "ephemeral")
            .input("upload-assets", "false")
            .input("subject-path", "dist/*.whl")
            .run();

    assertEquals(1, run.exitCode());
    assertTrue(
        run.stdout().startsWith("::error title=Invalid subjects::subject-path: "), run.stdout());
  }

  private static String sha512(String content) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-512").digest(content.getBytes(StandardCharsets.UTF_8)));
  }
}
