package dev.provenanceaction.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
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
 * Checksum text and its base64, generated to be almost right (sha256sum-shaped lines with one part
 * off) or plain hostile: the parser returns subjects that keep its promises, or throws {@link
 * SubjectException}, and nothing else.
 */
class ChecksumParserPropertiesTest {
  static final String HOSTILE =
      "0123456789abcdefABCDEFgxyz \t*\\nr\r\u0000\u0001\u001b\u007f\u0085\u00a0\u2028é漢"
          + "\uD800\uDC00\uD83D\uDE00:#[]%/.-=+";

  @Property(tries = 100_000, generation = GenerationMode.RANDOMIZED)
  void checksumTextIsSubjectsOrASubjectError(@ForAll("checksumText") String text) {
    List<Subject> subjects;
    try {
      subjects = ChecksumParser.parse(new StringReader(text));
    } catch (SubjectException e) {
      Statistics.collect("SubjectException");
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
      return;
    }
    Statistics.collect("subjects");
    assertKeepsItsPromises(subjects);
  }

  @Property(tries = 100_000, generation = GenerationMode.RANDOMIZED)
  void base64IsSubjectsOrASubjectError(@ForAll("base64Input") String base64) {
    List<Subject> subjects;
    try {
      subjects = ChecksumParser.parseBase64(base64);
    } catch (SubjectException e) {
      Statistics.collect("SubjectException");
      return;
    }
    Statistics.collect("subjects");
    assertKeepsItsPromises(subjects);
  }

  private static void assertKeepsItsPromises(List<Subject> subjects) {
    assertFalse(subjects.isEmpty());
    Set<String> names = new HashSet<>();
    for (Subject subject : subjects) {
      assertTrue(names.add(subject.name()), "each name once");
      assertFalse(subject.name().isBlank());
      assertTrue(subject.name().chars().noneMatch(c -> Character.isISOControl(c)), subject.name());
      assertTrue(subject.digest().matches("[0-9a-f]+"), subject.digest());
      assertEquals(
          subject.algorithm() == DigestAlgorithm.SHA256 ? 64 : 128, subject.digest().length());
    }
  }

  @Provide
  Arbitrary<String> checksumText() {
    Arbitrary<String> line =
        Combinators.combine(
                Arbitraries.of("", "", "", " ", "\t", " \t "),
                Arbitraries.of("", "", "", "\\"),
                digest(),
                Arbitraries.of(" ", " ", "\t", "", "  "),
                Arbitraries.of("", " ", "*", "**", " *"),
                name(),
                Arbitraries.of("\n", "\n", "\r\n", "\r", ""))
            .as(
                (blank, escape, digest, separator, mode, name, end) ->
                    blank + escape + digest + separator + mode + name + end);
    Arbitrary<String> validLine =
        Combinators.combine(
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(64),
                Arbitraries.of("  ", " *"),
                Arbitraries.strings().withChars("abc.-_ /:#[]%é漢").ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("\n", "\r\n"))
            .as((digest, separator, name, end) -> digest + separator + name + end);
    Arbitrary<String> noise = Arbitraries.strings().withChars(HOSTILE).ofMaxLength(80);
    return Arbitraries.frequencyOf(Tuple.of(30, validLine), Tuple.of(4, line), Tuple.of(1, noise))
        .list()
        .ofMaxSize(8)
        .map(lines -> String.join("", lines));
  }

  private static Arbitrary<String> digest() {
    String hex = "0123456789abcdefABCDEF";
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.strings().withChars(hex).ofLength(64)),
        Tuple.of(2, Arbitraries.strings().withChars(hex).ofLength(128)),
        Tuple.of(1, Arbitraries.strings().withChars(hex).ofMaxLength(130)),
        Tuple.of(1, Arbitraries.strings().withChars(HOSTILE).ofMaxLength(70)),
        Tuple.of(1, Arbitraries.of("SHA256 (a.whl) = ", "MD5 (x) = ", "BLAKE2b-256 (y) = ")));
  }

  private static Arbitrary<String> name() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            4,
            Arbitraries.of(
                "a.whl", "dist/a.whl", "a b.whl", "a\\nb", "a\\\\b", "a\\", "::set-output", "*")),
        Tuple.of(3, Arbitraries.strings().withChars(HOSTILE).ofMaxLength(30)),
        Tuple.of(1, Arbitraries.just("")));
  }

  @Provide
  Arbitrary<String> base64Input() {
    Arbitrary<String> encodedText =
        checksumText()
            .map(text -> Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    Arbitrary<String> wrappedText = encodedText.map(text -> text.replaceAll("(.{1,19})", "$1\n "));
    Arbitrary<String> encodedBytes =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(200)
            .map(bytes -> Base64.getEncoder().encodeToString(bytes));
    Arbitrary<String> nearBase64 =
        Arbitraries.strings().withChars("ABCDEFabcdef0123456789+/=-_ \t\r\n%é").ofMaxLength(120);
    return Arbitraries.frequencyOf(
        Tuple.of(4, encodedText),
        Tuple.of(1, wrappedText),
        Tuple.of(2, encodedBytes),
        Tuple.of(2, nearBase64));
  }
}
