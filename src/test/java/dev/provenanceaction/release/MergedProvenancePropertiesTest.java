package dev.provenanceaction.release;

import static dev.provenanceaction.testing.RandomInputs.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.RandomInputs;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Merging into an existing asset that holds any mix of real bundles (several runs and attempts),
 * bundles cut short, junk, blank lines and CRLF never fails, never loses a line it cannot read, and
 * ends with exactly this run's lines.
 */
class MergedProvenancePropertiesTest {
  private static final int INPUTS = 100_000;
  private static final List<String> BUNDLES =
      List.of(
          SignedProvenance.line("100", 1, "a.whl"),
          SignedProvenance.line("100", 1, "b.whl", "c.whl"),
          SignedProvenance.line("100", 2, "a.whl"),
          SignedProvenance.line("100", 3, "c.whl"),
          SignedProvenance.line("99", 1, "a.whl"),
          SignedProvenance.line("101", 1, "d.whl"));

  /** This run's lines are always readable bundles; parsed once, as the publisher does. */
  private static final List<ProvenanceLine> PARSED =
      BUNDLES.stream().map(ProvenanceLine::parse).toList();

  /**
   * The bundles in UTF-8, encoded once for the content check: they hold a non-ASCII character (the
   * em dash of the checkpoint's signature line), so Java keeps them as UTF-16 and transcoding them
   * on every input took seconds of the run.
   */
  private static final Map<String, byte[]> BUNDLES_UTF8 =
      BUNDLES.stream()
          .collect(Collectors.toMap(line -> line, line -> line.getBytes(StandardCharsets.UTF_8)));

  record Merge(String existing, List<ProvenanceLine> added) {}

  @Test
  void mergingAlwaysKeepsWhatItCannotReadAndEndsWithThisRun() {
    RandomInputs.Outcomes outcomes =
        RandomInputs.seeded()
            .check(
                "merge",
                INPUTS,
                MergedProvenancePropertiesTest::merge,
                merge -> {
                  MergedProvenance merged = MergedProvenance.merge(merge.existing(), merge.added());

                  Set<String> ours = new LinkedHashSet<>();
                  merge.added().forEach(line -> ours.add(line.text()));
                  List<String> lines = merged.lines().stream().map(ProvenanceLine::text).toList();
                  assertEquals(
                      List.copyOf(ours),
                      lines.subList(lines.size() - ours.size(), lines.size()),
                      "ours last");
                  List<String> existing = MergedProvenance.splitLines(merge.existing());
                  for (int number : merged.unreadableLineNumbers()) {
                    assertTrue(
                        lines.contains(existing.get(number - 1)), "an unreadable line is kept");
                  }
                  for (String line : lines) {
                    assertFalse(line.isBlank());
                    // indexOf a char, not contains a string: only the first is fast in UTF-16.
                    assertEquals(-1, line.indexOf('\n'));
                  }
                  assertTrue(merged.superseded() <= existing.size());
                  assertTrue(
                      isUtf8LinesEndedByLf(merged.content(), lines),
                      "the content is the lines, each ended by LF, in UTF-8");
                  return (merged.superseded() > 0 ? "superseded" : "none superseded")
                      + ", "
                      + (merged.unreadableLineNumbers().isEmpty()
                          ? "all readable"
                          : "unreadable kept");
                });
    outcomes.assertEachAtLeast(
        0.01,
        "superseded, unreadable kept",
        "none superseded, all readable",
        "none superseded, unreadable kept");
    // Rarer by construction: a whole earlier attempt among the existing lines, none of them junk.
    outcomes.assertEachAtLeast(0.001, "superseded, all readable");
  }

  /** Compared in place, line by line: building the expected bytes first copied them twice. */
  private static boolean isUtf8LinesEndedByLf(byte[] content, List<String> lines) {
    int at = 0;
    for (String line : lines) {
      byte[] utf8 = BUNDLES_UTF8.get(line);
      if (utf8 == null) {
        utf8 = line.getBytes(StandardCharsets.UTF_8);
      }
      int end = at + utf8.length;
      if (end >= content.length
          || !Arrays.equals(utf8, 0, utf8.length, content, at, end)
          || content[end] != '\n') {
        return false;
      }
      at = end + 1;
    }
    return at == content.length;
  }

  /**
   * Up to five existing lines (whole bundles, bundles cut short, junk or blank) joined by LF or
   * CRLF, and one to three of this run's lines.
   */
  private static Merge merge(RandomInputs random) {
    List<String> existingLines =
        random.list(
            0,
            5,
            () ->
                random.weighted(
                    weight(1, () -> random.oneOf(BUNDLES)),
                    weight(2, () -> cut(random)),
                    weight(4, () -> random.string("{}[]\":,abc \t\r\u00e9\u0000", 0, 40)),
                    weight(1, () -> "")));
    String existing = String.join(random.oneOf("\n", "\r\n"), existingLines);
    return new Merge(existing, random.list(1, 3, () -> random.oneOf(PARSED)));
  }

  private static String cut(RandomInputs random) {
    String line = random.oneOf(BUNDLES);
    return line.substring(0, Math.min(random.between(0, 3000), line.length()));
  }
}
