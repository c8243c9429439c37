package dev.provenanceaction.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.provenance.PredicateType;
import dev.provenanceaction.provenance.RunAttempt;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which run made a line, and which lines a new line supersedes. */
class ReleaseLinesTest {
  @Test
  void runAttemptIsReadFromBothPredicateVersions() {
    assertEquals(
        Optional.of(new RunAttempt("100", 2)),
        ProvenanceLine.parse(SignedProvenance.line("100", 2, "a.whl")).run());
    assertEquals(
        Optional.of(new RunAttempt("100", 3)),
        ProvenanceLine.parse(SignedProvenance.line(PredicateType.SLSA_V02, "100", 3, "a.whl"))
            .run());
    assertEquals(
        Optional.of(new RunAttempt("42", 1)),
        RunAttempt.fromInvocationId("https://github.com/o/r/actions/runs/42/attempts/1"));
    assertEquals(Optional.empty(), RunAttempt.fromBuildInvocationId("42"));
  }

  @Test
  void onlyAnEarlierAttemptOfTheSameRunForAShareSubjectIsSuperseded() {
    ProvenanceLine attempt2 = ProvenanceLine.parse(SignedProvenance.line("100", 2, "a.whl"));

    assertTrue(
        ProvenanceLine.parse(SignedProvenance.line("100", 1, "a.whl", "b.whl"))
            .isSupersededBy(attempt2));
    assertFalse(
        ProvenanceLine.parse(SignedProvenance.line("100", 1, "c.whl")).isSupersededBy(attempt2));
    assertFalse(
        ProvenanceLine.parse(SignedProvenance.line("99", 1, "a.whl")).isSupersededBy(attempt2));
    assertFalse(
        ProvenanceLine.parse(SignedProvenance.line("100", 3, "a.whl")).isSupersededBy(attempt2));
  }

  @Test
  void mergeKeepsOrderDropsDuplicatesAndReportsUnreadableLines() {
    String kept = SignedProvenance.line("99", 1, "old.whl");
    ProvenanceLine ours = ProvenanceLine.parse(SignedProvenance.line("100", 1, "a.whl"));

    MergedProvenance merged =
        MergedProvenance.merge(kept + "\r\n\ngarbage\n" + ours.text() + "\n", List.of(ours));

    assertEquals(
        List.of(kept, "garbage", ours.text()),
        merged.lines().stream().map(ProvenanceLine::text).toList());
    assertEquals(
        kept + "\ngarbage\n" + ours.text() + "\n",
        new String(merged.content(), StandardCharsets.UTF_8));
    assertEquals(List.of(3), merged.unreadableLineNumbers());
    assertEquals(0, merged.superseded());
  }

  @Test
  void linesAreCutAsTheRegexCutThem() {
    for (String text :
        List.of(
            "",
            "\n",
            "\r\n",
            "a",
            "a\n",
            "a\r\n",
            "a\r",
            "\r",
            "\n\nb",
            "a\r\r\nb",
            "a\rb\nc",
            "\r\n\r\n",
            "a\n\r\nb\r\n")) {
      assertEquals(Arrays.asList(text.split("\r?\n", -1)), MergedProvenance.splitLines(text), text);
    }
  }

  @Test
  void assetNamesMatchAsGithubStoresThem() {
    assertTrue(AssetNames.matches("my.prov.intoto.jsonl", "my prov.intoto.jsonl"));
    assertTrue(AssetNames.matches("a+b@1.intoto.jsonl", "a+b@1.intoto.jsonl"));
    assertFalse(AssetNames.matches("other.intoto.jsonl", "multiple.intoto.jsonl"));
  }
}
