package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subject named in non-ASCII, run as plain {@code java} under each locale. Java 17 takes the
 * encoding of file names from the locale when it starts, so each run is a JVM of its own.
 */
class GenerateFileNameLocaleTest {
  private static final String NAME = "päckage-1.0.tar.gz";
  private static final String SUMS = "a".repeat(64) + "  " + NAME + "\n";
  private static final String FIX =
      "set provenance-name to a name in ASCII, or run with a UTF-8 locale such as LANG=C.UTF-8";

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  /** {@code java Main generate ARGS} in {@link #dir}, with LC_ALL as given (null: no locale). */
  private Run generate(String lcAll, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.provenanceaction.Main",
                "generate"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    // Nothing of this JVM's environment: no LANG or LC_*, and no GITHUB_ACTIONS of a CI runner.
    builder.environment().clear();
    if (lcAll != null) {
      builder.environment().put("LC_ALL", lcAll);
    }
    Path out = Files.createTempFile("generate", ".out");
    Path err = Files.createTempFile("generate", ".err");
    try {
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("generate did not end within 60 s");
      }
      // Under C, Java writes ASCII, '?' for the rest; read as UTF-8 either way.
      return new Run(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private List<Path> provenanceFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".intoto.jsonl")).toList();
    }
  }

  private void assertRefusedPlainly(Run run) throws Exception {
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(
        run.err().startsWith("error: the provenance file name 'p"),
        "one line naming the file: " + run.err());
    assertTrue(
        run.err().contains("ckage-1.0.tar.gz.intoto.jsonl' cannot be a file name here: Java takes"),
        run.err());
    assertTrue(run.err().contains(FIX), run.err());
    assertTrue(!run.err().contains("This is a bug"), run.err());
    assertEquals("", run.out());
    assertEquals(List.of(), provenanceFiles());
  }

  @Test
  void withNoLocaleTheChecksumsFileSaysWhatToDoBeforeAnyNetworkCall() throws Exception {
    Files.writeString(dir.resolve("SHA256SUMS"), SUMS, StandardCharsets.UTF_8);

    // public-good: a run that got past the check would need TUF and an OIDC token.
    assertRefusedPlainly(generate(null, "--subject-checksums", "SHA256SUMS"));
  }

  @Test
  void underTheCLocaleSubjectBase64SaysWhatToDo() throws Exception {
    assertRefusedPlainly(generate("C", "--subject-base64", base64(SUMS)));
  }

  @Test
  void underTheCLocaleAnAsciiProvenanceNameSigns() throws Exception {
    Run run =
        generate(
            "C",
            "--sigstore",
            "ephemeral",
            "--subject-base64",
            base64(SUMS),
            "--provenance-name",
            "package.intoto.jsonl");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of(dir.resolve("package.intoto.jsonl")), provenanceFiles());
    assertEquals(NAME, subjectName(provenanceFiles().get(0)));
  }

  @Test
  void underCUtf8TheFileIsNamedAfterTheSubject() throws Exception {
    Run run = generate("C.UTF-8", "--sigstore", "ephemeral", "--subject-base64", base64(SUMS));

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().strip().endsWith("/" + NAME + ".intoto.jsonl"), run.out());
    // This JVM may not spell the name (its own locale), but the listed path holds its bytes.
    List<Path> files = provenanceFiles();
    assertEquals(1, files.size());
    assertEquals(NAME, subjectName(files.get(0)));
  }

  private static String subjectName(Path provenance) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode bundle = json.readTree(Files.readAllLines(provenance).get(0));
    byte[] statement =
        Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").asText());
    return json.readTree(statement).path("subject").path(0).path("name").asText();
  }
}
