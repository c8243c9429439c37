package dev.provenanceaction.subject;

import java.util.Locale;

/**
 * A checksum line's file name as text: the escapes {@code sha256sum} writes, the control characters
 * a subject name may not hold, and how a name is shown in a message. Off the parser's per-line
 * path: a plain name never comes here.
 */
final class ChecksumNames {
  private ChecksumNames() {}

  static String unescape(int lineNumber, String name) throws SubjectException {
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

  static void checkNoControlCharacters(int lineNumber, String name) throws SubjectException {
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

  /** A character as a message names it: its code point, and the character itself if visible. */
  static String describe(char c) {
    String code = String.format(Locale.ROOT, "U+%04X", (int) c);
    return Character.isISOControl(c) ? code : "'" + c + "' (" + code + ")";
  }

  /** The text with control characters shown as {@code \}{@code uXXXX}, cut to fit a message. */
  static String printable(String text) {
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
}
