package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepOutputsTest {
  @TempDir Path dir;

  @Test
  void appendsSingleLineValues() throws Exception {
    Path file = dir.resolve("output");
    Files.writeString(file, "earlier=1\n");
    StepOutputs outputs = new StepOutputs(file);
    outputs.set("provenance-name", "multiple.intoto.jsonl");
    outputs.set("subject-count", "3");
    assertEquals(
        "earlier=1\nprovenance-name=multiple.intoto.jsonl\nsubject-count=3\n",
        Files.readString(file));
  }

  @Test
  void multiLineValuesUseAHeredocWithAFreshDelimiter() throws Exception {
    Path file = dir.resolve("output");
    new StepOutputs(file).set("names", "a\nb");
    List<String> lines = Files.readAllLines(file);
    assertEquals(4, lines.size());
    assertTrue(lines.get(0).startsWith("names<<ghadelimiter_"), lines.get(0));
    String delimiter = lines.get(0).substring("names<<".length());
    assertEquals(List.of("a", "b", delimiter), lines.subList(1, 4));
  }
}
