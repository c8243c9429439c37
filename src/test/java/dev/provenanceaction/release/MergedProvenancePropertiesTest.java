package dev.provenanceaction.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Merging into an existing asset that holds any mix of real bundles (several runs and attempts),
 * bundles cut short, junk, blank lines and CRLF never fails, never loses a line it cannot read, and
 * ends with exactly this run's lines.
 */
class MergedProvenancePropertiesTest {
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

  record Merge(String existing, List<ProvenanceLine> added) {}

  @Property(tries = 100_000, generation = GenerationMode.RANDOMIZED)
  void mergingAlwaysKeepsWhatItCannotReadAndEndsWithThisRun(@ForAll("merges") Merge merge) {
    MergedProvenance merged = MergedProvenance.merge(merge.existing(), merge.added());

    Set<String> ours = new LinkedHashSet<>();
    merge.added().forEach(line -> ours.add(line.text()));
    List<String> lines = merged.lines();
    assertEquals(
        List.copyOf(ours), lines.subList(lines.size() - ours.size(), lines.size()), "ours last");
    String[] existing = merge.existing().split("\r?\n", -1);
    for (int number : merged.unreadableLineNumbers()) {
      assertTrue(lines.contains(existing[number - 1]), "an unreadable line is kept");
    }
    for (String line : lines) {
      assertFalse(line.isBlank());
      assertFalse(line.contains("\n"));
    }
    assertTrue(merged.superseded() <= existing.length);
    String content = new String(merged.content(), StandardCharsets.UTF_8);
    assertEquals(String.join("\n", lines) + "\n", content);
    Statistics.collect(
        merged.superseded() > 0 ? "superseded" : "none superseded",
        merged.unreadableLineNumbers().isEmpty() ? "all readable" : "unreadable kept");
  }

  @Provide
  Arbitrary<Merge> merges() {
    Arbitrary<String> bundle = Arbitraries.of(BUNDLES);
    Arbitrary<String> cut =
        Combinators.combine(bundle, Arbitraries.integers().between(0, 3000))
            .as((line, length) -> line.substring(0, Math.min(length, line.length())));
    Arbitrary<String> junk =
        Arbitraries.strings().withChars("{}[]\":,abc \t\r\u00e9\u0000").ofMaxLength(40);
    Arbitrary<String> existingLine =
        Arbitraries.frequencyOf(
            Tuple.of(1, bundle),
            Tuple.of(2, cut),
            Tuple.of(4, junk),
            Tuple.of(1, Arbitraries.just("")));
    Arbitrary<String> existing =
        Combinators.combine(existingLine.list().ofMaxSize(5), Arbitraries.of("\n", "\r\n"))
            .as((lines, end) -> String.join(end, lines));
    return Combinators.combine(existing, Arbitraries.of(PARSED).list().ofMinSize(1).ofMaxSize(3))
        .as(Merge::new);
  }
}
