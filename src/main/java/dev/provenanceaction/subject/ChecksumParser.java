package dev.provenanceaction.subject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns {@code sha256sum} or {@code sha512sum} output into subjects, in input order.
 *
 * <p>Each line is read the way GNU {@code sha256sum --check} reads it: leading spaces and tabs are
 * skipped; a leading {@code \} marks an escaped name; then come the hex digest (64 digits for
 * sha256, 128 for sha512, either case), one space or tab, an optional mode character ({@code ' '}
 * for text, {@code '*'} for binary; neither is part of the name) and the name, every character of
 * which is kept, spaces and {@code /} included. This accepts the single-space form the SLSA
 * generator accepts too. Lines may end in LF or CRLF; blank lines are skipped. Escaped names decode
 * {@code \\} to a backslash, {@code \n} to LF and {@code \r} to CR (coreutils 9). The text is
 * UTF-8, strictly: a line that is not is an error.
 *
 * <p>Names must not contain control characters (C0, DEL or C1), not even the LF or CR an escape
 * decodes to: a name becomes a release asset name, a log line and a Markdown table cell, where a
 * line break or a terminal escape would change what a reader sees. Such files are vanishingly rare
 * in releases; rename them.
 *
 * <p>A name listed twice with the same digest is kept once; with a different digest it is an error,
 * since the provenance could not say which file it speaks for.
 */
public final class ChecksumParser {
  /**
   * The most checksum text accepted, as base64 or as a file: some 400,000 sha512 lines, far beyond
   * any release, yet small enough that a hostile input cannot exhaust the container's memory.
   */
  public static final long MAX_INPUT_BYTES = 64L * 1024 * 1024;

  /** For an ASCII char, its lower-case form if it is a hex digit, else 0. */
  private static final byte[] LOWER_HEX = new byte[128];

  /** The algorithm whose hex digests have the index's length, or null. */
  private static final DigestAlgorithm[] BY_HEX_LENGTH;

  static {
    for (char c = '0'; c <= '9'; c++) {
      LOWER_HEX[c] = (byte) c;
    }
    for (char c = 'a'; c <= 'f'; c++) {
      LOWER_HEX[c] = (byte) c;
      LOWER_HEX[Character.toUpperCase(c)] = (byte) c;
    }
    int longest = 0;
    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
      longest = Math.max(longest, algorithm.hexLength());
    }
    BY_HEX_LENGTH = new DigestAlgorithm[longest + 1];
    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
      BY_HEX_LENGTH[algorithm.hexLength()] = algorithm;
    }
  }

  private final BoundedLineReader lines;
  private final UniqueSubjects subjects = new UniqueSubjects();
  private final byte[] digest = new byte[BY_HEX_LENGTH.length - 1];
  private int nameHash;

  private ChecksumParser(InputStream text) {
    this.lines = new BoundedLineReader(text);
  }

  /**
   * Parses base64 of checksum text, as {@code sha256sum * | base64 -w0} makes for the {@code
   * subject-base64} input. Whitespace anywhere in the base64 is ignored.
   *
   * @throws SubjectException if the base64 or the text it holds is invalid, or holds no subjects
   */
  public static List<Subject> parseBase64(String base64) throws SubjectException {
    if (base64.length() > MAX_INPUT_BYTES) {
      throw new SubjectException(
          "subject-base64 is longer than "
              + MAX_INPUT_BYTES
              + " bytes (64 MiB); that is not the checksums of a release");
    }
    return parse(new ByteArrayInputStream(ChecksumBase64.decode(base64)));
  }

  /**
   * Parses checksum text in UTF-8 line by line, as for the {@code subject-checksums} input; only
   * one line is held in memory at a time besides the subjects. The stream is not closed.
   *
   * @throws SubjectException if a line is invalid, the text holds no subjects or cannot be read
   */
  public static List<Subject> parse(InputStream text) throws SubjectException {
    ChecksumParser parser = new ChecksumParser(text);
    try {
      // The loop body is one call: a cold JVM interprets this loop for tens of thousands of lines
      // before it compiles it, but compiles the per-line method after a hundred.
      while (parser.addNextLine()) {}
    } catch (IOException e) {
      throw new SubjectException(
          "could not read the checksums after line "
              + parser.lines.lineNumber()
              + ": "
              + e.getMessage(),
          e);
    }
    if (parser.subjects.isEmpty()) {
      throw new SubjectException(
          "no subjects: expected sha256sum or sha512sum output, lines like '<hex digest>  <file"
              + " name>'");
    }
    return parser.subjects.list();
  }

  /**
   * Reads one line and adds its subject, if it is not blank nor already listed; {@code false} at
   * the end of input. Works on the reader's buffer: the name and the digest are the only strings
   * made; of a valid line, only a name that is not ASCII is decoded.
   */
  private boolean addNextLine() throws IOException, SubjectException {
    if (!lines.next()) {
      return false;
    }
    byte[] bytes = lines.buffer();
    int lineStart = lines.start();
    int end = lines.end();
    if (end > lineStart && bytes[end - 1] == '\r') {
      end--;
    }
    int i = lineStart;
    while (i < end && isBlank(bytes[i])) {
      i++;
    }
    int lineNumber = lines.lineNumber();
    // Below '!' or not ASCII, the line may be other white space only (U+000B, U+2028), which
    // sha256sum skips as blank: String.isBlank decides, on the decoded rest.
    if (i == end || bytes[i] < '!' && utf8(lineNumber, bytes, lineStart, i, end).isBlank()) {
      return true;
    }
    boolean escaped = bytes[i] == '\\';
    if (escaped) {
      i++;
    }
    int digestStart = i;
    while (i < end && !isBlank(bytes[i])) {
      i++;
    }
    int digestLength = i - digestStart;
    DigestAlgorithm algorithm =
        digestLength < BY_HEX_LENGTH.length ? BY_HEX_LENGTH[digestLength] : null;
    for (int k = 0; k < digestLength; k++) {
      byte b = bytes[digestStart + k];
      byte lower = b >= 0 ? LOWER_HEX[b] : 0;
      if (lower == 0) {
        throw notHexDigit(lineNumber, bytes, lineStart, digestStart + k, end);
      }
      if (algorithm != null) {
        digest[k] = lower;
      }
    }
    if (algorithm == null) {
      throw new SubjectException(
          lineNumber,
          "digest has " + digestLength + " hex digits; sha256 needs 64, sha512 needs 128");
    }
    // Past the digest and its one separator, a space or '*' is the mode, unless it is all there is.
    int nameStart = i + 1;
    if (nameStart < end - 1 && (bytes[nameStart] == ' ' || bytes[nameStart] == '*')) {
      nameStart++;
    }
    String name = checkedName(lineNumber, bytes, lineStart, nameStart, end, escaped);
    Subject subject =
        new Subject(
            name, algorithm, new String(digest, 0, digestLength, StandardCharsets.ISO_8859_1));
    subjects.add(subject, nameHash, lineNumber);
    return true;
  }

  /**
   * The name in {@code bytes[from, to)}, decoded if escaped or not ASCII. One pass over a name of
   * visible ASCII and spaces, which also computes its {@link String#hashCode()} into {@link
   * #nameHash} for {@link UniqueSubjects}.
   */
  private String checkedName(
      int lineNumber, byte[] bytes, int lineStart, int from, int to, boolean escaped)
      throws SubjectException {
    boolean visible = false;
    boolean plain = true;
    int hash = 0;
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      hash = 31 * hash + b;
      if (b > ' ' && b < 0x7f) {
        visible = true;
      } else {
        plain &= b == ' ';
      }
    }
    if (plain && !visible) {
      throw noName(lineNumber);
    }
    String name =
        plain
            ? new String(bytes, from, to - from, StandardCharsets.ISO_8859_1)
            : utf8(lineNumber, bytes, lineStart, from, to);
    if (!plain && name.isBlank()) {
      throw noName(lineNumber);
    }
    if (escaped) {
      name = ChecksumNames.unescape(lineNumber, name);
    }
    if (escaped || !plain) {
      ChecksumNames.checkNoControlCharacters(lineNumber, name);
      hash = name.hashCode();
    }
    nameHash = hash;
    return name;
  }

  private static SubjectException noName(int lineNumber) {
    return new SubjectException(lineNumber, "no file name after the digest");
  }

  /** {@code bytes[from, to)} of the line at {@code lineStart}, decoded as strict UTF-8. */
  private static String utf8(int lineNumber, byte[] bytes, int lineStart, int from, int to)
      throws SubjectException {
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(in).toString();
    } catch (CharacterCodingException e) {
      throw new SubjectException(
          lineNumber,
          "not valid UTF-8 (byte " + (in.position() - lineStart + 1) + " of the line)",
          e);
    }
  }

  /** For the digest's byte at {@code at}, not a hex digit, in a line that may not be ASCII. */
  private static SubjectException notHexDigit(
      int lineNumber, byte[] bytes, int lineStart, int at, int end) throws SubjectException {
    // Invalid UTF-8 in the line is the error to report, before a BSD tag's hint.
    String line = utf8(lineNumber, bytes, lineStart, lineStart, end);
    // What comes before it (blanks, a backslash, hex digits) is ASCII: a char a byte.
    char c = line.charAt(at - lineStart);
    // Every BSD tag (SHA256, MD5, BLAKE2b) holds a non-hex letter, so this is the only place such a
    // line can arrive. The pattern is compiled here, off the path of valid input.
    if (Pattern.matches("(?i)(SHA\\d+|SHA512/\\d+|MD5|BLAKE2b(-\\d+)?|SM3) \\(.*\\) = .*", line)) {
      return new SubjectException(
          lineNumber,
          "this is BSD-style '--tag' output ('SHA256 (name) = digest'); use sha256sum without"
              + " --tag, which prints '<hex digest>  <file name>'");
    }
    return new SubjectException(
        lineNumber,
        "expected '<hex digest>  <file name>' as sha256sum prints it, but the digest holds "
            + ChecksumNames.describe(c)
            + ", which is not a hex digit");
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }
}
