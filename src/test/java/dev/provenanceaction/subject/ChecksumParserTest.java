package dev.provenanceaction.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksumParserTest {
  private static final String A =
      "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";
  private static final String B =
      "376e7e01348585b6e6643bc6663146b9d525d9b41228bf180eaeb4d4a3706caa";
  private static final String C512 =
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
          + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

  private static List<Subject> parse(String text) throws SubjectException {
    return ChecksumParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static SubjectException failure(String text) {
    return assertThrows(SubjectException.class, () -> parse(text));
  }

  private static Subject sha256(String name, String digest) {
    return new Subject(name, DigestAlgorithm.SHA256, digest);
  }

  @Test
  void parsesTextModeLinesInInputOrder() throws SubjectException {
    assertEquals(
        List.of(sha256("b.whl", B), sha256("a.tar.gz", A)),
        parse(B + "  b.whl\n" + A + "  a.tar.gz\n"));
  }

  @Test
  void parsesBase64AndIgnoresWhitespaceInIt() throws SubjectException {
    String encoded = base64(A + "  a.txt\n" + B + "  b.txt\n");
    String wrapped = " " + encoded.substring(0, 10) + "\n\t" + encoded.substring(10) + "\r\n";

    assertEquals(
        List.of(sha256("a.txt", A), sha256("b.txt", B)), ChecksumParser.parseBase64(wrapped));
  }

  @Test
  void acceptsCrlfAndSkipsBlankLines() throws SubjectException {
    assertEquals(
        List.of(sha256("a.txt", A), sha256("b.txt", B)),
        parse("\r\n" + A + "  a.txt\r\n   \r\n\t\n" + B + "  b.txt\r\n\r\n"));
  }

  @Test
  void skipsLinesOfOtherWhitespaceButNotDigestsAfterIt() throws SubjectException {
    assertEquals(List.of(sha256("a.txt", A)), parse("\u000b\n \u2028\t\r\n" + A + "  a.txt\n"));
    assertTrue(failure("\u000b" + A + "  a.txt\n").getMessage().contains("U+000B"));
  }

  @Test
  void parsesTheSameWhateverTheStreamHandsOverAtATime() throws SubjectException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      text.append(i % 2 == 0 ? A : B).append("  dist/").append("x".repeat(i * 7)).append(i);
      text.append(i % 3 == 0 ? "\r\n" : "\n");
    }
    // Longer than the reader's buffer at first: it grows.
    text.append(A).append("  ").append("é".repeat(30_000));
    List<Subject> whole = parse(text.toString());

    for (int most : new int[] {1, 2, 7, 8191}) {
      assertEquals(
          whole, ChecksumParser.parse(new TrickleStream(text.toString(), most)), "" + most);
    }
    assertEquals(501, whole.size());
    assertEquals(sha256("é".repeat(30_000), A), whole.get(500));
  }

  @Test
  void acceptsLastLineWithoutLineBreak() throws SubjectException {
    assertEquals(List.of(sha256("a.txt", A)), parse(A + "  a.txt"));
  }

  @Test
  void binaryModeStarIsNotPartOfTheName() throws SubjectException {
    assertEquals(List.of(sha256("a.exe", A)), parse(A + " *a.exe\n"));
  }

  @Test
  void textModeKeepsAStarThatBelongsToTheName() throws SubjectException {
    assertEquals(List.of(sha256("*star", A)), parse(A + "  *star\n"));
  }

  @Test
  void acceptsSingleSpaceOrTabSeparator() throws SubjectException {
    assertEquals(
        List.of(sha256("a.txt", A), sha256("b.txt", B)), parse(A + " a.txt\n" + B + "\tb.txt\n"));
  }

  @Test
  void keepsSpacesAndDirectoriesInNames() throws SubjectException {
    assertEquals(
        List.of(sha256("dist/my file .whl", A), sha256(" lead", B)),
        parse(A + "  dist/my file .whl\n" + B + "   lead\n"));
  }

  @Test
  void lowerCasesDigestsAndTellsAlgorithmsByLength() throws SubjectException {
    List<Subject> subjects = parse(A.toUpperCase() + "  a\n" + C512.toUpperCase() + "  c\n");

    assertEquals(List.of(sha256("a", A), new Subject("c", DigestAlgorithm.SHA512, C512)), subjects);
  }

  @Test
  void decodesGnuEscapedNames() throws SubjectException {
    assertEquals(
        List.of(sha256("back\\slash", A), sha256("two\\\\", B)),
        parse("\\" + A + "  back\\\\slash\n\\" + B + "  two\\\\\\\\\n"));
  }

  @Test
  void keepsBackslashesLiterallyInUnescapedLines() throws SubjectException {
    assertEquals(List.of(sha256("a\\nb", A)), parse(A + "  a\\nb\n"));
  }

  @Test
  void rejectsNewlineDecodedFromAnEscape() {
    SubjectException e = failure(A + "  ok\n\\" + B + "  a\\nb\n");

    assertEquals(2, e.lineNumber());
    assertEquals(
        "line 2: the file name 'a\\u000ab' contains the control character U+000A; rename the file",
        e.getMessage());
  }

  @Test
  void rejectsCarriageReturnDecodedFromAnEscape() {
    SubjectException e = failure("\\" + A + "  a\\rb\n");

    assertEquals(1, e.lineNumber());
    assertTrue(e.getMessage().contains("control character U+000D"), e.getMessage());
  }

  @Test
  void rejectsUnknownEscape() {
    SubjectException e = failure("\\" + A + "  a\\tb\n");

    assertEquals(
        "line 1: unknown escape '\\t' in the file name; sha256sum escapes only \\\\, \\n and \\r",
        e.getMessage());
  }

  @Test
  void rejectsLoneTrailingBackslashInEscapedName() {
    assertEquals(
        "line 1: the escaped file name ends in a lone '\\'",
        failure("\\" + A + "  a\\\n").getMessage());
  }

  @Test
  void rejectsRawControlCharactersInNames() {
    assertEquals(
        "line 1: the file name 'a\\u0000b' contains the control character U+0000; rename the file",
        failure(A + "  a\u0000b\n").getMessage());
    assertTrue(failure(A + "  a\u001bb\n").getMessage().contains("U+001B"));
    assertTrue(failure(A + "  a\u007fb\n").getMessage().contains("U+007F"));
    assertTrue(failure(A + "  a\u0085b\n").getMessage().contains("U+0085"));
    assertTrue(failure(A + "  a\tb\n").getMessage().contains("U+0009"));
  }

  @Test
  void rejectsBareCarriageReturnInsideALine() {
    SubjectException e = failure(A + "  a\rb\n");

    assertTrue(e.getMessage().contains("U+000D"), e.getMessage());
  }

  @Test
  void rejectsDigestOfWrongLength() {
    SubjectException e = failure(A + "  a\n" + "\n" + A.substring(1) + "  b\n");

    assertEquals(3, e.lineNumber());
    assertEquals(
        "line 3: digest has 63 hex digits; sha256 needs 64, sha512 needs 128", e.getMessage());
  }

  @Test
  void rejectsNonHexDigest() {
    SubjectException e = failure("g" + A.substring(1) + "  a\n");

    assertEquals(1, e.lineNumber());
    assertEquals(
        "line 1: expected '<hex digest>  <file name>' as sha256sum prints it, but the digest holds"
            + " 'g' (U+0067), which is not a hex digit",
        e.getMessage());
  }

  @Test
  void rejectsDigitsOfOtherScripts() {
    SubjectException e = failure("\u0663" + A.substring(1) + "  a\n");

    assertTrue(e.getMessage().contains("U+0663"), e.getMessage());
  }

  @Test
  void rejectsLineThatIsNotAChecksumLine() {
    SubjectException e = failure(A + "  a\nhello world\n");

    assertEquals(2, e.lineNumber());
    assertTrue(e.getMessage().startsWith("line 2: expected '<hex digest>  <file name>'"));
  }

  @Test
  void explainsBsdTagOutput() {
    SubjectException e = failure("SHA256 (a.txt) = " + A + "\n");

    assertEquals(
        "line 1: this is BSD-style '--tag' output ('SHA256 (name) = digest'); use sha256sum"
            + " without --tag, which prints '<hex digest>  <file name>'",
        e.getMessage());
  }

  @Test
  void rejectsMissingName() {
    assertEquals("line 1: no file name after the digest", failure(A + "\n").getMessage());
    assertEquals("line 1: no file name after the digest", failure(A + " \n").getMessage());
    assertEquals("line 1: no file name after the digest", failure(A + "  \r\n").getMessage());
    assertEquals("line 1: no file name after the digest", failure(A + " *\t\n").getMessage());
  }

  @Test
  void foldsTheSamePairListedTwice() throws SubjectException {
    assertEquals(
        List.of(sha256("a", A), sha256("b", B)), parse(A + "  a\n" + B + "  b\n" + A + " *a\n"));
  }

  @Test
  void rejectsTheSameNameWithDifferentDigests() {
    SubjectException e = failure(A + "  a\n" + B + "  b\n" + B + "  a\n");

    assertEquals(3, e.lineNumber());
    assertEquals(
        "line 3: 'a' is listed again with a different digest (first on line 1)", e.getMessage());
  }

  @Test
  void rejectsTheSameNameEscapedWithADifferentDigest() {
    // The names' bytes differ ("a\\b" escaped, "a\b" plain): their hashes must be the names'.
    SubjectException e = failure(A + "  a\\b\n" + B + "  b\n" + "\\" + B + "  a\\\\b\n");

    assertEquals(
        "line 3: 'a\\b' is listed again with a different digest (first on line 1)", e.getMessage());
  }

  @Test
  void rejectsNoSubjects() {
    SubjectException e = failure("\n\r\n  \n");

    assertEquals(0, e.lineNumber());
    assertEquals(
        "no subjects: expected sha256sum or sha512sum output, lines like '<hex digest>  <file"
            + " name>'",
        e.getMessage());
    assertEquals(
        e.getMessage(),
        assertThrows(SubjectException.class, () -> ChecksumParser.parseBase64("")).getMessage());
  }

  @Test
  void rejectsInvalidBase64() {
    SubjectException e =
        assertThrows(SubjectException.class, () -> ChecksumParser.parseBase64("YWJj-ZA"));

    assertEquals(0, e.lineNumber());
    assertTrue(
        e.getMessage().startsWith("subject-base64 is not valid standard base64 ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("); make it with 'sha256sum FILES | base64 -w0'"));
  }

  @Test
  void rejectsInvalidUtf8InBase64NamingTheLine() {
    byte[] first = (A + "  a\n" + A.replace('a', 'b') + "  ").getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[first.length + 2];
    System.arraycopy(first, 0, bytes, 0, first.length);
    bytes[first.length] = (byte) 0xC3;
    bytes[first.length + 1] = (byte) '\n';

    SubjectException e =
        assertThrows(
            SubjectException.class,
            () -> ChecksumParser.parseBase64(Base64.getEncoder().encodeToString(bytes)));

    assertEquals(2, e.lineNumber());
    assertEquals("line 2: not valid UTF-8 (byte 67 of the line)", e.getMessage());
  }

  @Test
  void rejectsInvalidUtf8WhereverItIs() {
    byte[] line = (A + "  ab.whl\n").getBytes(StandardCharsets.US_ASCII);
    // In the name, the digest, a blank line; a lone continuation byte, and a lead byte without
    // its continuation.
    for (String bad : new String[] {"\u0080", "\u00c3"}) {
      byte b = (byte) bad.charAt(0);
      for (int at : new int[] {0, 10, 67, 68, line.length - 2}) {
        byte[] bytes = (A + "  a\n").getBytes(StandardCharsets.US_ASCII);
        byte[] mutated = line.clone();
        mutated[at] = b;
        byte[] text = new byte[bytes.length + mutated.length];
        System.arraycopy(bytes, 0, text, 0, bytes.length);
        System.arraycopy(mutated, 0, text, bytes.length, mutated.length);

        SubjectException e =
            assertThrows(
                SubjectException.class,
                () -> ChecksumParser.parse(new ByteArrayInputStream(text)),
                bad + " at " + at);

        assertEquals(
            "line 2: not valid UTF-8 (byte " + (at + 1) + " of the line)", e.getMessage(), "" + at);
      }
    }
    byte[] blank = {' ', (byte) 0xFF, '\n'};
    SubjectException e =
        assertThrows(
            SubjectException.class, () -> ChecksumParser.parse(new ByteArrayInputStream(blank)));
    assertEquals("line 1: not valid UTF-8 (byte 2 of the line)", e.getMessage());
  }

  @Test
  void reportsReadFailures() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk gone");
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            throw new IOException("disk gone");
          }
        };

    SubjectException e = assertThrows(SubjectException.class, () -> ChecksumParser.parse(failing));

    assertEquals("could not read the checksums after line 0: disk gone", e.getMessage());
  }

  @Test
  void acceptsLineOfExactly64KiB() throws SubjectException {
    String name = "n".repeat(BoundedLineReader.MAX_LINE_BYTES - A.length() - 2);

    assertEquals(List.of(sha256(name, A)), parse(A + "  " + name + "\n"));
  }

  @Test
  void rejectsLineLongerThan64KiBCountingUtf8Bytes() {
    // 'é' is two bytes in UTF-8: this line has fewer than 64 KiB characters but more bytes.
    String name = "é".repeat(BoundedLineReader.MAX_LINE_BYTES / 2);
    SubjectException e = failure(A + "  a\n" + A + "  " + name + "\n");

    assertEquals(2, e.lineNumber());
    assertEquals(
        "line 2: longer than 65536 bytes (64 KiB); is this sha256sum output?", e.getMessage());
  }

  @Test
  void rejectsLineOneByteLongerThan64KiB() {
    String name = "n".repeat(BoundedLineReader.MAX_LINE_BYTES - A.length() - 1);
    SubjectException e = failure(A + "  " + name + "\n");

    assertEquals(
        "line 1: longer than 65536 bytes (64 KiB); is this sha256sum output?", e.getMessage());
  }

  @Test
  void keepsNonAsciiNames() throws SubjectException {
    assertEquals(List.of(sha256("päckchen-😀.whl", A)), parse(A + "  päckchen-😀.whl\n"));
  }

  @Test
  void parsesOneHundredThousandLines() throws SubjectException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      text.append(String.format("%064x", i)).append("  dist/file-").append(i).append(".whl\n");
    }

    List<Subject> subjects = ChecksumParser.parseBase64(base64(text.toString()));

    assertEquals(100_000, subjects.size());
    assertEquals(sha256("dist/file-0.whl", "0".repeat(64)), subjects.get(0));
    assertEquals(
        sha256("dist/file-99999.whl", String.format("%064x", 99_999)), subjects.get(99_999));
  }

  /** Hands over at most a few bytes a read, so lines, CRLFs and UTF-8 are split across reads. */
  private static final class TrickleStream extends InputStream {
    private final byte[] bytes;
    private final int most;
    private int position;

    TrickleStream(String text, int most) {
      this.bytes = text.getBytes(StandardCharsets.UTF_8);
      this.most = most;
    }

    @Override
    public int read() {
      return position == bytes.length ? -1 : bytes[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position == bytes.length) {
        return -1;
      }
      int count = Math.min(Math.min(length, most), bytes.length - position);
      System.arraycopy(bytes, position, buffer, offset, count);
      position += count;
      return count;
    }
  }
}
