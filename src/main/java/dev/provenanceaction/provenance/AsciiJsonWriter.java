package dev.provenanceaction.provenance;

import java.util.Arrays;

/**
 * Compact JSON written straight into a byte array, pure ASCII: byte for byte what Jackson's
 * generator writes with {@code JsonWriteFeature.ESCAPE_NON_ASCII}, which the statement was first
 * written with and the golden files were matched against. Every char above 0x7F, each half of a
 * surrogate pair included, becomes an upper-case {@code \}{@code uXXXX}; control chars take the
 * short escapes {@code \b \t \n \f \r} where there is one; DEL and {@code /} are written as they
 * are.
 *
 * <p>It exists because a one-shot process pays for Jackson in class loading (an ObjectMapper alone
 * took some 130 ms of CPU) and in interpreted calls per field. It checks nothing about nesting; the
 * caller writes a well-formed document.
 */
final class AsciiJsonWriter {
  private static final byte[] HEX_DIGITS = {
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'
  };

  /**
   * For an ASCII char: 0 to write it as it is, {@code 'u'} for {@code \}{@code u00XX}, else the
   * letter of its short escape.
   */
  private static final byte[] ESCAPES = new byte[128];

  static {
    Arrays.fill(ESCAPES, 0, 0x20, (byte) 'u');
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
  }

  private byte[] bytes;
  private int length;

  /** Whether the next field or value opens its object or array, so takes no comma. */
  private boolean first = true;

  AsciiJsonWriter(int expectedLength) {
    bytes = new byte[expectedLength];
  }

  AsciiJsonWriter startObject() {
    separate();
    append('{');
    first = true;
    return this;
  }

  AsciiJsonWriter startObject(String name) {
    return name(name).startObject();
  }

  AsciiJsonWriter endObject() {
    append('}');
    first = false;
    return this;
  }

  AsciiJsonWriter startArray(String name) {
    name(name);
    append('[');
    first = true;
    return this;
  }

  AsciiJsonWriter endArray() {
    append(']');
    first = false;
    return this;
  }

  /** A field's name; its value comes next. */
  AsciiJsonWriter name(String name) {
    separate();
    quoted(name);
    append(':');
    first = true;
    return this;
  }

  AsciiJsonWriter field(String name, String value) {
    name(name);
    first = false;
    quoted(value);
    return this;
  }

  AsciiJsonWriter field(String name, boolean value) {
    name(name);
    first = false;
    appendAscii(value ? "true" : "false");
    return this;
  }

  /** A value that is already compact ASCII JSON. */
  AsciiJsonWriter rawValue(byte[] json) {
    separate();
    ensure(json.length);
    System.arraycopy(json, 0, bytes, length, json.length);
    length += json.length;
    return this;
  }

  /** What was written; the writer's own buffer if it is exactly full, so write no more after. */
  byte[] toByteArray() {
    return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
  }

  private void separate() {
    if (!first) {
      append(',');
    }
    first = false;
  }

  private void append(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
  }

  private void appendAscii(String text) {
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
  }

  private void quoted(String text) {
    int n = text.length();
    // Room for the text as it is; an escape makes more.
    ensure(n + 2);
    byte[] out = bytes;
    int end = length;
    out[end++] = '"';
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80 && ESCAPES[c] == 0) {
        out[end++] = (byte) c;
      } else {
        length = end;
        escape(c, n - i);
        out = bytes;
        end = length;
      }
    }
    out[end++] = '"';
    length = end;
  }

  /** Writes the escape for {@code c}, keeping room for the rest of the text and its quote. */
  private void escape(char c, int remaining) {
    ensure(6 + remaining);
    bytes[length++] = '\\';
    byte shortEscape = c < 0x80 ? ESCAPES[c] : (byte) 'u';
    bytes[length++] = shortEscape;
    if (shortEscape == 'u') {
      bytes[length++] = HEX_DIGITS[c >> 12];
      bytes[length++] = HEX_DIGITS[(c >> 8) & 0xF];
      bytes[length++] = HEX_DIGITS[(c >> 4) & 0xF];
      bytes[length++] = HEX_DIGITS[c & 0xF];
    }
  }

  private void ensure(int more) {
    if (more > bytes.length - length) {
      int needed = length + more;
      if (needed < 0) {
        throw new OutOfMemoryError("a statement of more than 2 GiB");
      }
      bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
    }
  }
}
