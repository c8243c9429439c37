package dev.provenanceaction.subject;

import static dev.provenanceaction.testing.RandomInputs.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.RandomInputs;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checksum text and its base64, generated to be almost right (sha256sum-shaped lines with one part
 * off) or plain hostile: the parser returns subjects that keep its promises, or throws {@link
 * SubjectException}, and nothing else.
 */
class ChecksumParserPropertiesTest {
  private static final int INPUTS = 100_000;
  // Surrogates picked one at a time make lone halves, which the UTF-8 encoding of the text turns
  // into '?'; the byte property below puts invalid UTF-8 in.
  private static final String HOSTILE =
      "0123456789abcdefABCDEFgxyz \t*\\nr\r\u0000\u0001\u001b\u007f\u0085\u00a0\u2028é漢"
          + "\uD800\uDC00\uD83D\uDE00:#[]%/.-=+";
  private static final String HEX = "0123456789abcdefABCDEF";

  @Test
  void checksumTextIsSubjectsOrASubjectError() {
    RandomInputs.seeded()
        .check(
            "checksum text",
            INPUTS,
            ChecksumParserPropertiesTest::checksumText,
            text -> {
              List<Subject> subjects;
              try {
                subjects =
                    ChecksumParser.parse(
                        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
              } catch (SubjectException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                return "SubjectException";
              }
              assertKeepsItsPromises(subjects);
              return "subjects";
            })
        .assertEachAtLeast(0.01, "subjects", "SubjectException");
  }

  @Test
  void base64IsSubjectsOrASubjectError() {
    RandomInputs.seeded()
        .check(
            "checksum base64",
            INPUTS,
            ChecksumParserPropertiesTest::base64Input,
            base64 -> {
              List<Subject> subjects;
              try {
                subjects = ChecksumParser.parseBase64(base64);
              } catch (SubjectException e) {
                return "SubjectException";
              }
              assertKeepsItsPromises(subjects);
              return "subjects";
            })
        .assertEachAtLeast(0.01, "subjects", "SubjectException");
  }

  @Test
  void bytesThatMayNotBeUtf8AreSubjectsOnlyIfTheyAre() {
    RandomInputs.seeded()
        .check(
            "checksum bytes",
            INPUTS,
            ChecksumParserPropertiesTest::checksumBytes,
            bytes -> {
              List<Subject> subjects;
              try {
                subjects = ChecksumParser.parse(new ByteArrayInputStream(bytes));
              } catch (SubjectException e) {
                return "SubjectException";
              }
              assertKeepsItsPromises(subjects);
              // The parser decodes only names that are not ASCII; still, none of the text escapes.
              assertTrue(isUtf8(bytes), "accepted bytes that are not UTF-8");
              return "subjects";
            })
        .assertEachAtLeast(0.01, "subjects", "SubjectException");
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Checksum text with, in half the inputs, one byte set to one of 0x80-0xFF: mostly not UTF-8. */
  private static byte[] checksumBytes(RandomInputs random) {
    byte[] bytes = checksumText(random).getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0 && random.fraction() < 0.5) {
      bytes[random.between(0, bytes.length - 1)] = (byte) random.between(0x80, 0xff);
    }
    return bytes;
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

  /** Up to 8 lines, mostly valid, some sha256sum-shaped with one part off, a few plain noise. */
  private static String checksumText(RandomInputs random) {
    return String.join(
        "",
        random.list(
            0,
            8,
            () ->
                random.weighted(
                    weight(30, () -> validLine(random)),
                    weight(4, () -> nearlyValidLine(random)),
                    weight(1, () -> random.string(HOSTILE, 0, 80)))));
  }

  private static String validLine(RandomInputs random) {
    return random.string(HEX, 64, 64)
        + random.oneOf("  ", " *")
        + random.string("abc.-_ /:#[]%é漢", 1, 12)
        + random.oneOf("\n", "\r\n");
  }

  private static String nearlyValidLine(RandomInputs random) {
    return random.oneOf("", "", "", " ", "\t", " \t ")
        + random.oneOf("", "", "", "\\")
        + digest(random)
        + random.oneOf(" ", " ", "\t", "", "  ")
        + random.oneOf("", " ", "*", "**", " *")
        + name(random)
        + random.oneOf("\n", "\n", "\r\n", "\r", "");
  }

  private static String digest(RandomInputs random) {
    return random.weighted(
        weight(6, () -> random.string(HEX, 64, 64)),
        weight(2, () -> random.string(HEX, 128, 128)),
        weight(1, () -> random.string(HEX, 0, 130)),
        weight(1, () -> random.string(HOSTILE, 0, 70)),
        weight(1, () -> random.oneOf("SHA256 (a.whl) = ", "MD5 (x) = ", "BLAKE2b-256 (y) = ")));
  }

  private static String name(RandomInputs random) {
    return random.weighted(
        weight(
            4,
            () ->
                random.oneOf(
                    "a.whl",
                    "dist/a.whl",
                    "a b.whl",
                    "a\\nb",
                    "a\\\\b",
                    "a\\",
                    "::set-output",
                    "*")),
        weight(3, () -> random.string(HOSTILE, 0, 30)),
        weight(1, () -> ""));
  }

  /** Checksum text as base64, plain or wrapped, base64 of random bytes, or text close to base64. */
  private static String base64Input(RandomInputs random) {
    return random.weighted(
        weight(4, () -> encode(checksumText(random))),
        weight(1, () -> encode(checksumText(random)).replaceAll("(.{1,19})", "$1\n ")),
        weight(2, () -> Base64.getEncoder().encodeToString(random.bytes(200))),
        weight(2, () -> random.string("ABCDEFabcdef0123456789+/=-_ \t\r\n%é", 0, 120)));
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
