package dev.provenanceaction.subject;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads LF-terminated lines of bytes from an {@link InputStream}, refusing any line longer than
 * {@link #MAX_LINE_BYTES} before it is read whole, so a file with no line breaks cannot exhaust
 * memory. {@link java.io.BufferedReader#readLine()} has no such bound.
 *
 * <p>A line is neither decoded nor copied out: {@link #next()} leaves it in {@link #buffer()}
 * between {@link #start()} and {@link #end()}, valid until the next call. Valid checksum lines are
 * ASCII but for their names, so the parser decodes little; a cold JVM spent more time in a UTF-8
 * decoder in front of the whole input than in the parsing (BENCHMARKS.md, session 14).
 */
final class BoundedLineReader {
  /** The longest line accepted, as the SLSA generator's parser accepts, in bytes. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  private final InputStream input;
  private byte[] buffer = new byte[8192];
  private int start;
  private int end;
  private int position;
  private int limit;
  private boolean endOfInput;
  private int lineNumber;

  BoundedLineReader(InputStream input) {
    this.input = input;
  }

  /**
   * Moves to the next line, or returns {@code false} at the end of input.
   *
   * @throws SubjectException if the line is longer than {@link #MAX_LINE_BYTES}
   */
  boolean next() throws IOException, SubjectException {
    int scan = position;
    while (true) {
      byte[] bytes = buffer;
      int lineFeed = scan;
      while (lineFeed < limit && bytes[lineFeed] != '\n') {
        lineFeed++;
      }
      if (lineFeed < limit) {
        return found(lineFeed, lineFeed + 1);
      }
      checkLength(limit);
      if (endOfInput) {
        return position < limit && found(limit, limit);
      }
      scan = fill();
    }
  }

  /** The buffer holding the current line; replaced as the reader grows it. */
  byte[] buffer() {
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
    checkLength(lineEnd);
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
    byte[] target = pending > buffer.length / 2 ? new byte[buffer.length * 2] : buffer;
    System.arraycopy(buffer, position, target, 0, pending);
    buffer = target;
    position = 0;
    limit = pending;
    int read = input.read(buffer, limit, buffer.length - limit);
    if (read > 0) {
      limit += read;
    } else {
      endOfInput = true;
    }
    return pending;
  }

  private void checkLength(int lineEnd) throws SubjectException {
    if (lineEnd - position > MAX_LINE_BYTES) {
      throw new SubjectException(
          lineNumber + 1,
          "longer than " + MAX_LINE_BYTES + " bytes (64 KiB); is this sha256sum output?");
    }
  }
}
