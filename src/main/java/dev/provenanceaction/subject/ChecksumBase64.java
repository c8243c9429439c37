package dev.provenanceaction.subject;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The checksum text that the {@code subject-base64} input holds, for {@link ChecksumParser}. */
final class ChecksumBase64 {
  private ChecksumBase64() {}

  /**
   * Decodes base64, whitespace anywhere ignored, then strict UTF-8.
   *
   * @throws SubjectException if the base64 or the UTF-8 in it is invalid
   */
  static String decode(String base64) throws SubjectException {
    return decodeUtf8(decodeBase64(base64));
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
}
