package dev.provenanceaction.sigstore.x509;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The DER encodings (ITU-T X.690) an X.509 certificate is built from, and the readers of the
 * elements an RFC 3161 time-stamp response holds. Each encoder returns one whole element, tag and
 * length included, ready to be nested in another; each reader takes one and throws {@link
 * IllegalArgumentException} for anything else.
 */
public final class Der {
  public static final int BOOLEAN = 0x01;
  public static final int INTEGER = 0x02;
  public static final int BIT_STRING = 0x03;
  public static final int OCTET_STRING = 0x04;
  public static final int NULL = 0x05;
  public static final int OBJECT_IDENTIFIER = 0x06;
  public static final int UTF8_STRING = 0x0c;
  public static final int UTC_TIME = 0x17;
  public static final int GENERALIZED_TIME = 0x18;
  public static final int SEQUENCE = 0x30;
  public static final int SET = 0x31;
  public static final int CONTEXT_PRIMITIVE = 0x80;
  public static final int CONTEXT_CONSTRUCTED = 0xa0;

  private Der() {}

  public static byte[] sequence(byte[]... elements) {
    return sequence(List.of(elements));
  }

  public static byte[] sequence(List<byte[]> elements) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    elements.forEach(content::writeBytes);
    return element(SEQUENCE, content.toByteArray());
  }

  /** A SET of one element, which spares DER's sorting of the elements. */
  public static byte[] setOf(byte[] element) {
    return element(SET, element);
  }

  public static byte[] integer(BigInteger value) {
    return element(INTEGER, value.toByteArray());
  }

  public static byte[] booleanTrue() {
    return element(BOOLEAN, new byte[] {(byte) 0xff});
  }

  /** An object identifier from its dotted form, such as {@code 2.5.29.15}. */
  public static byte[] objectIdentifier(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    writeBase128(content, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      writeBase128(content, Long.parseLong(arcs[i]));
    }
    return element(OBJECT_IDENTIFIER, content.toByteArray());
  }

  public static byte[] octetString(byte[] content) {
    return element(OCTET_STRING, content);
  }

  /** A BIT STRING of whole octets, such as a signature or a public key. */
  public static byte[] bitString(byte[] octets) {
    byte[] content = new byte[octets.length + 1];
    System.arraycopy(octets, 0, content, 1, octets.length);
    return element(BIT_STRING, content);
  }

  /**
   * A named bit list of at most eight bits, such as KeyUsage: DER drops the trailing zero bits.
   *
   * @param firstOctet bit 0 of the list is this octet's most significant bit; not zero
   */
  public static byte[] namedBits(int firstOctet) {
    return element(
        BIT_STRING,
        new byte[] {(byte) Integer.numberOfTrailingZeros(firstOctet), (byte) firstOctet});
  }

  public static byte[] utf8String(String value) {
    return element(UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A certificate validity time as RFC 5280 requires: UTCTime through 2049, GeneralizedTime after
   * (and before 1950), to the second.
   */
  public static byte[] time(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = utc.getYear();
    boolean utcTime = year >= 1950 && year <= 2049;
    StringBuilder text = new StringBuilder(15);
    appendDigits(text, utcTime ? year % 100 : year, utcTime ? 2 : 4);
    appendDigits(text, utc.getMonthValue(), 2);
    appendDigits(text, utc.getDayOfMonth(), 2);
    appendDigits(text, utc.getHour(), 2);
    appendDigits(text, utc.getMinute(), 2);
    appendDigits(text, utc.getSecond(), 2);
    text.append('Z');
    return element(
        utcTime ? UTC_TIME : GENERALIZED_TIME, text.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code [tagNumber] EXPLICIT}: the element wrapped in a constructed context tag. */
  public static byte[] explicit(int tagNumber, byte[] element) {
    return element(CONTEXT_CONSTRUCTED | tagNumber, element);
  }

  /** {@code [tagNumber] IMPLICIT} for a primitive type: its content under a context tag. */
  public static byte[] implicitPrimitive(int tagNumber, byte[] content) {
    return element(CONTEXT_PRIMITIVE | tagNumber, content);
  }

  private static byte[] element(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | octets);
      for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
        out.write(length >>> shift);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static void writeBase128(ByteArrayOutputStream out, long value) {
    int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
    for (int group = groups - 1; group > 0; group--) {
      out.write(0x80 | ((int) (value >>> (7 * group)) & 0x7f));
    }
    out.write((int) value & 0x7f);
  }

  private static void appendDigits(StringBuilder text, int value, int width) {
    String digits = Integer.toString(value);
    text.append("0".repeat(Math.max(0, width - digits.length()))).append(digits);
  }
}
