package dev.provenanceaction.subject;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads LF-terminated lines from a {@link Reader}, refusing any line longer than {@link
 * #MAX_LINE_BYTES} in UTF-8 before it is read whole, so a file with no line breaks cannot exhaust
 * memory. {@link java.io.BufferedReader#readLine()} has no such bound.
 *
 * <p>A line is not copied out: {@link #next()} leaves it in {@link #buffer()} between {@link
 * #start()} and {@link #end()}, valid until the next call. A per-line String would be made, copied
 * and dropped 100,000 times for a large release.
 */
final class BoundedLineReader {
  /** The longest line accepted, as the SLSA generator's parser accepts, in UTF-8 bytes. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  /** A char is at most 3 UTF-8 bytes, so a line of this many chars needs no counting. */
  private static final int SURELY_SHORT_CHARS = MAX_LINE_BYTES / 3;

  private final Reader reader;
  private char[] buffer = new char[8192];
  private int start;
  private int end;
  private int position;
  private int limit;
  private boolean endOfInput;
  private int lineNumber;

  BoundedLineReader(Reader reader) {
    this.reader = reader;
  }

  /**
   * Moves to the next line, or returns {@code false} at the end of input.
   *
   * @throws SubjectException if the line is longer than {@link #MAX_LINE_BYTES}
   */
  boolean next() throws IOException, SubjectException {
    int scan = position;
    while (true) {
      char[] chars = buffer;
      int lineFeed = scan;
      while (lineFeed < limit && chars[lineFeed] != '\n') {
        lineFeed++;
      }
      if (lineFeed < limit) {
        return found(lineFeed, lineFeed + 1);
      }
      checkLength(position, limit);
      if (endOfInput) {
        return position < limit && found(limit, limit);
      }
      scan = fill();
    }
  }

  /** The buffer holding the current line; replaced as the reader grows it. */
  char[] buffer() {
    return buffer;
  }

  /** Where the current line starts in {@link #buffer()}. */
  int start() {
    return start;
  }

  /**
   * Where the current line ends in {@link #buffer()}: at its LF, which is excluded (a CR is not).
   */
  int end() {
    return end;
  }

  /** The number of the line {@link #next()} moved to last, 1-based; 0 before the first. */
  int lineNumber() {
    return lineNumber;
  }

  private boolean found(int lineEnd, int nextStart) throws SubjectException {
    checkLength(position, lineEnd);
    start = position;
    end = lineEnd;
    position = nextStart;
    lineNumber++;
    return true;
  }

  /**
   * Moves the unfinished line to the front, growing the buffer if it fills half, and reads after
   * it. Returns where the scan for its LF goes on.
   */
  private int fill() throws IOException {
    int pending = limit - position;
    char[] target = pending > buffer.length / 2 ? new char[buffer.length * 2] : buffer;
    System.arraycopy(buffer, position, target, 0, pending);
    buffer = target;
    position = 0;
    limit = pending;
    int read = reader.read(buffer, limit, buffer.length - limit);
    if (read > 0) {
      limit += read;
    } else {
      endOfInput = true;
    }
    return pending;
  }

  private void checkLength(int from, int to) throws SubjectException {
    if (to - from <= SURELY_SHORT_CHARS) {
      return;
    }
    int utf8Bytes = 0;
    for (int i = from; i < to; i++) {
      utf8Bytes += utf8Length(buffer[i]);
    }
    if (utf8Bytes > MAX_LINE_BYTES) {
      throw new SubjectException(
          lineNumber + 1,
          "longer than " + MAX_LINE_BYTES + " bytes (64 KiB); is this sha256sum output?");
    }
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
