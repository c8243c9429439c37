package dev.provenanceaction.subject;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * {@code \\} to a backslash, {@code \n} to LF and {@code \r} to CR (coreutils 9).
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
  private static final Pattern BSD_TAG_LINE =
      Pattern.compile("(?i)(SHA\\d+|SHA512/\\d+|MD5|BLAKE2b(-\\d+)?|SM3) \\(.*\\) = .*");

  /**
   * The most checksum text accepted, as base64 or as a file: some 400,000 sha512 lines, far beyond
   * any release, yet small enough that a hostile input cannot exhaust the container's memory.
   */
  public static final long MAX_INPUT_BYTES = 64L * 1024 * 1024;

  private ChecksumParser() {}

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
    return parse(new StringReader(decodeUtf8(decodeBase64(base64))));
  }

  /**
   * Parses checksum text line by line, as for the {@code subject-checksums} input; only one line is
   * held in memory at a time besides the subjects. The reader is not closed.
   *
   * @throws SubjectException if a line is invalid, the text holds no subjects or cannot be read
   */
  public static List<Subject> parse(Reader text) throws SubjectException {
    BoundedLineReader lines = new BoundedLineReader(text);
    Map<String, NumberedSubject> byName = new LinkedHashMap<>();
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int lineNumber = lines.lineNumber();
        String content = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (content.isBlank()) {
          continue;
        }
        Subject subject = parseLine(lineNumber, content);
        NumberedSubject earlier =
            byName.putIfAbsent(subject.name(), new NumberedSubject(subject, lineNumber));
        if (earlier != null && !earlier.subject().equals(subject)) {
          throw new SubjectException(
              lineNumber,
              "'"
                  + printable(subject.name())
                  + "' is listed again with a different digest (first on line "
                  + earlier.lineNumber()
                  + ")");
        }
      }
    } catch (CharacterCodingException e) {
      // A Reader decodes ahead of the lines it returns, so the bad bytes are somewhere further on.
      throw new SubjectException(
          lines.lineNumber() + 1, "the checksums are not valid UTF-8 (on this line or later)", e);
    } catch (IOException e) {
      throw new SubjectException(
          "could not read the checksums after line " + lines.lineNumber() + ": " + e.getMessage(),
          e);
    }
    if (byName.isEmpty()) {
      throw new SubjectException(
          "no subjects: expected sha256sum or sha512sum output, lines like '<hex digest>  <file"
              + " name>'");
    }
    List<Subject> subjects = new ArrayList<>(byName.size());
    for (NumberedSubject numbered : byName.values()) {
      subjects.add(numbered.subject());
    }
    return subjects;
  }

  private static Subject parseLine(int lineNumber, String line) throws SubjectException {
    int i = 0;
    while (i < line.length() && isBlank(line.charAt(i))) {
      i++;
    }
    boolean escaped = line.charAt(i) == '\\';
    if (escaped) {
      i++;
    }
    int digestStart = i;
    while (i < line.length() && !isBlank(line.charAt(i))) {
      i++;
    }
    String digest = line.substring(digestStart, i);
    checkDigest(lineNumber, line, digest);
    DigestAlgorithm algorithm =
        DigestAlgorithm.forHexLength(digest.length())
            .orElseThrow(
                () ->
                    new SubjectException(
                        lineNumber,
                        "digest has "
                            + digest.length()
                            + " hex digits; sha256 needs 64, sha512 needs 128"));
    // Past the digest and its one separator, a space or '*' is the mode, unless it is all there is.
    int nameStart = i + 1;
    if (nameStart < line.length() - 1
        && (line.charAt(nameStart) == ' ' || line.charAt(nameStart) == '*')) {
      nameStart++;
    }
    String name = nameStart < line.length() ? line.substring(nameStart) : "";
    if (name.isBlank()) {
      throw new SubjectException(lineNumber, "no file name after the digest");
    }
    if (escaped) {
      name = unescape(lineNumber, name);
    }
    checkNoControlCharacters(lineNumber, name);
    return new Subject(name, algorithm, digest.toLowerCase(Locale.ROOT));
  }

  private static void checkDigest(int lineNumber, String line, String digest)
      throws SubjectException {
    for (int i = 0; i < digest.length(); i++) {
      if (!isHexDigit(digest.charAt(i))) {
        // Every BSD tag (SHA256, MD5, BLAKE2b) holds a non-hex letter, so this is the only place
        // such a line can arrive.
        if (BSD_TAG_LINE.matcher(line).matches()) {
          throw new SubjectException(
              lineNumber,
              "this is BSD-style '--tag' output ('SHA256 (name) = digest'); use sha256sum without"
                  + " --tag, which prints '<hex digest>  <file name>'");
        }
        throw new SubjectException(
            lineNumber,
            "expected '<hex digest>  <file name>' as sha256sum prints it, but the digest holds "
                + describe(digest.charAt(i))
                + ", which is not a hex digit");
      }
    }
  }

  /** ASCII only: {@link Character#digit(char, int)} also takes other scripts' digits. */
  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static String unescape(int lineNumber, String name) throws SubjectException {
    StringBuilder decoded = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '\\') {
        decoded.append(c);
        continue;
      }
      if (++i == name.length()) {
        throw new SubjectException(lineNumber, "the escaped file name ends in a lone '\\'");
      }
      switch (name.charAt(i)) {
        case '\\' -> decoded.append('\\');
        case 'n' -> decoded.append('\n');
        case 'r' -> decoded.append('\r');
        default ->
            throw new SubjectException(
                lineNumber,
                "unknown escape '\\"
                    + printable(String.valueOf(name.charAt(i)))
                    + "' in the file name; sha256sum escapes only \\\\, \\n and \\r");
      }
    }
    return decoded.toString();
  }

  private static void checkNoControlCharacters(int lineNumber, String name)
      throws SubjectException {
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new SubjectException(
            lineNumber,
            "the file name '"
                + printable(name)
                + "' contains the control character "
                + describe(name.charAt(i))
                + "; rename the file");
      }
    }
  }

  private static byte[] decodeBase64(String base64) throws SubjectException {
    StringBuilder compact = new StringBuilder(base64.length());
    for (int i = 0; i < base64.length(); i++) {
      char c = base64.charAt(i);
      if (!Character.isWhitespace(c)) {
        compact.append(c);
      }
    }
    try {
      return Base64.getDecoder().decode(compact.toString());
    } catch (IllegalArgumentException e) {
      throw new SubjectException(
          "subject-base64 is not valid standard base64 ("
              + e.getMessage()
              + "); make it with 'sha256sum FILES | base64 -w0'",
          e);
    }
  }

  private static String decodeUtf8(byte[] bytes) throws SubjectException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int lineNumber = 1;
      for (int i = 0; i < in.position(); i++) {
        if (bytes[i] == '\n') {
          lineNumber++;
        }
      }
      throw new SubjectException(
          lineNumber,
          "subject-base64 decodes to bytes that are not valid UTF-8 (byte "
              + (in.position() + 1)
              + ")");
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static String describe(char c) {
    String code = String.format(Locale.ROOT, "U+%04X", (int) c);
    return Character.isISOControl(c) ? code : "'" + c + "' (" + code + ")";
  }

  /** The text with control characters shown as {@code \}{@code uXXXX}, cut to fit a message. */
  private static String printable(String text) {
    StringBuilder shown = new StringBuilder();
    int i = 0;
    for (; i < text.length() && shown.length() < 200; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        shown.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        shown.append(c);
      }
    }
    return i < text.length() ? shown + "..." : shown.toString();
  }

  private record NumberedSubject(Subject subject, int lineNumber) {}
}
