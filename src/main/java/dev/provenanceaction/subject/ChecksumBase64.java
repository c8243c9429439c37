package dev.provenanceaction.subject;

import java.util.Base64;

/** The checksum text that the {@code subject-base64} input holds, for {@link ChecksumParser}. */
final class ChecksumBase64 {
  private ChecksumBase64() {}

  /**
   * Decodes base64, whitespace anywhere ignored.
   *
   * @throws SubjectException if the base64 is invalid
   */
  static byte[] decode(String base64) throws SubjectException {
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
}
