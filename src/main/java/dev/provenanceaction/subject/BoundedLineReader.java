package dev.provenanceaction.subject;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads LF-terminated lines from a {@link Reader}, refusing any line longer than {@link
 * #MAX_LINE_BYTES} in UTF-8 before it is read whole, so a file with no line breaks cannot exhaust
 * memory. {@link java.io.BufferedReader#readLine()} has no such bound.
 */
final class BoundedLineReader {
  /** The longest line accepted, as the SLSA generator's parser accepts, in UTF-8 bytes. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  private final Reader reader;
  private final char[] buffer = new char[8192];
  private final StringBuilder line = new StringBuilder();
  private int position;
  private int limit;
  private int lineNumber;

  BoundedLineReader(Reader reader) {
    this.reader = reader;
  }

  /**
   * The next line without its LF (a CR before it is kept), or {@code null} at the end of input.
   *
   * @throws SubjectException if the line is longer than {@link #MAX_LINE_BYTES}
   */
  String readLine() throws IOException, SubjectException {
    line.setLength(0);
    int utf8Bytes = 0;
    boolean readAny = false;
    while (true) {
      if (position == limit) {
        limit = Math.max(0, reader.read(buffer, 0, buffer.length));
        position = 0;
        if (limit == 0) {
          if (!readAny) {
            return null;
          }
          lineNumber++;
          return line.toString();
        }
      }
      readAny = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        utf8Bytes += utf8Length(buffer[position]);
        position++;
      }
      line.append(buffer, start, position - start);
      if (utf8Bytes > MAX_LINE_BYTES) {
        throw new SubjectException(
            lineNumber + 1,
            "longer than " + MAX_LINE_BYTES + " bytes (64 KiB); is this sha256sum output?");
      }
      if (position < limit) {
        position++;
        lineNumber++;
        return line.toString();
      }
    }
  }

  /** The number of the line {@link #readLine()} returned last, 1-based; 0 before the first. */
  int lineNumber() {
    return lineNumber;
  }

  private static int utf8Length(char c) {
    if (c < 0x80) {
      return 1;
    }
    // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
    if (c < 0x800 || Character.isSurrogate(c)) {
      return 2;
    }
    return 3;
  }
}
