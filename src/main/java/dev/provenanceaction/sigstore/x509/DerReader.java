package dev.provenanceaction.sigstore.x509;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads DER elements (ITU-T X.690): those of a certificate's extensions and keys, and all an RFC
 * 3161 time-stamp response holds. Each method takes one whole element, tag and length included, and
 * throws {@link IllegalArgumentException} for anything else.
 */
public final class DerReader {
  private DerReader() {}

  /**
   * The elements inside a constructed element, each whole: tag, length and content.
   *
   * @throws IllegalArgumentException if an element does not fit, or has a multi-octet tag
   */
  public static List<byte[]> children(byte[] constructed) {
    int end = contentStart(constructed, 0) + contentLength(constructed, 0);
    if (end != constructed.length) {
      throw new IllegalArgumentException("a DER element's length is not its encoding's");
    }
    List<byte[]> children = new ArrayList<>();
    for (int offset = contentStart(constructed, 0); offset < end; ) {
      int next = contentStart(constructed, offset) + contentLength(constructed, offset);
      if (next > end) {
        throw new IllegalArgumentException("a DER element runs past its parent");
      }
      children.add(Arrays.copyOfRange(constructed, offset, next));
      offset = next;
    }
    return children;
  }

  /** An element's content octets, without its tag and length. */
  public static byte[] content(byte[] element) {
    int start = contentStart(element, 0);
    int end = start + contentLength(element, 0);
    if (end != element.length) {
      throw new IllegalArgumentException("a DER element's length is not its encoding's");
    }
    return Arrays.copyOfRange(element, start, end);
  }

  /**
   * Checks that an element and all it holds are DER's structure: lengths that fit, no multi-octet
   * or indefinite ones, Der.SEQUENCE and Der.SET constructed and no other universal type, only
   * universal types that X.690 defines, and Der.BOOLEAN, Der.NULL and Der.INTEGER contents of their
   * only DER forms. Other primitive contents are the readers' to check.
   */
  public static void checkStructure(byte[] element) {
    byte[] content = content(element);
    int tag = tag(element);
    boolean universal = (tag & 0xc0) == 0;
    boolean constructed = (tag & 0x20) != 0;
    int number = tag & 0x1f;
    if (universal && constructed != (number == 0x10 || number == 0x11)) {
      throw new IllegalArgumentException(
          String.format(
              "DER has no %s form of universal tag %d",
              constructed ? "constructed" : "primitive", number));
    }
    // The universal types certificates and CMS use; not EXTERNAL, REAL or EMBEDDED PDV.
    if (universal && ((1L << number) & 0b0101_1111_1111_1111_0011_0100_1111_1110L) == 0) {
      throw new IllegalArgumentException("no DER type read here has universal tag " + number);
    }
    if ((tag == Der.BOOLEAN && (content.length != 1 || (content[0] != 0 && content[0] != -1)))
        || (tag == Der.NULL && content.length != 0)
        || ((tag == Der.INTEGER || tag == 0x0a) && !minimalInteger(content))
        || (tag == Der.BIT_STRING && !paddedWithZeros(content))) {
      throw new IllegalArgumentException(
          String.format("a DER element of tag 0x%02x with content not of its DER form", tag));
    }
    if (tag == Der.OBJECT_IDENTIFIER) {
      objectIdentifierOf(element);
    } else if (tag == Der.UTC_TIME) {
      utcTimeOf(element);
    } else if (tag == Der.GENERALIZED_TIME) {
      generalizedTimeOf(element);
    }
    if (constructed) {
      for (byte[] child : children(element)) {
        checkStructure(child);
      }
    }
  }

  /** A count of unused bits under 8, and those bits zero (none when there are no octets). */
  private static boolean paddedWithZeros(byte[] content) {
    if (content.length == 0 || content[0] < 0 || content[0] > 7) {
      return false;
    }
    return content.length == 1
        ? content[0] == 0
        : (content[content.length - 1] & ((1 << content[0]) - 1)) == 0;
  }

  /** Two's complement in as few octets as hold it. */
  private static boolean minimalInteger(byte[] content) {
    return content.length == 1
        || (content.length > 1
            && !(content[0] == 0 && content[1] >= 0)
            && !(content[0] == -1 && content[1] < 0));
  }

  /** The one element of a constructed element's children, as a field of exactly one holds it. */
  public static byte[] only(List<byte[]> elements) {
    if (elements.size() != 1) {
      throw new IllegalArgumentException("expected one element, found " + elements.size());
    }
    return elements.get(0);
  }

  /** An element's tag octet. */
  public static int tag(byte[] element) {
    if (element.length == 0) {
      throw new IllegalArgumentException("an empty DER element");
    }
    return element[0] & 0xff;
  }

  /** The content of an element that must have this tag. */
  public static byte[] content(byte[] element, int expectedTag) {
    if (tag(element) != expectedTag) {
      throw new IllegalArgumentException(
          String.format("expected DER tag 0x%02x, found 0x%02x", expectedTag, tag(element)));
    }
    return content(element);
  }

  /** The elements inside a constructed element that must have this tag. */
  public static List<byte[]> children(byte[] element, int expectedTag) {
    content(element, expectedTag);
    return children(element);
  }

  /** The dotted form of an OBJECT IDENTIFIER element, such as {@code 1.2.840.113549.1.7.2}. */
  public static String objectIdentifierOf(byte[] element) {
    byte[] content = content(element, Der.OBJECT_IDENTIFIER);
    if (content.length == 0 || (content[content.length - 1] & 0x80) != 0) {
      throw new IllegalArgumentException("an OBJECT IDENTIFIER is empty or cut short");
    }
    StringBuilder dotted = new StringBuilder();
    long arc = 0;
    boolean first = true;
    for (int i = 0; i < content.length; i++) {
      if (arc == 0 && (content[i] & 0xff) == 0x80) {
        throw new IllegalArgumentException("an OBJECT IDENTIFIER arc is not minimally encoded");
      }
      if (arc > (Long.MAX_VALUE >>> 7)) {
        throw new IllegalArgumentException("an OBJECT IDENTIFIER arc is too large");
      }
      arc = (arc << 7) | (content[i] & 0x7f);
      if ((content[i] & 0x80) == 0) {
        if (first) {
          int top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
          dotted.append(top).append('.').append(arc - 40L * top);
          first = false;
        } else {
          dotted.append('.').append(arc);
        }
        arc = 0;
      }
    }
    return dotted.toString();
  }

  public static BigInteger integerOf(byte[] element) {
    byte[] content = content(element, Der.INTEGER);
    if (content.length == 0) {
      throw new IllegalArgumentException("an Der.INTEGER without content");
    }
    return new BigInteger(content);
  }

  /**
   * A GeneralizedTime as RFC 3161 and RFC 5280 restrict it: {@code YYYYMMDDhhmmss}, a fraction of a
   * second without trailing zeros if any, then {@code Z}.
   */
  public static Instant generalizedTimeOf(byte[] element) {
    String text = new String(content(element, Der.GENERALIZED_TIME), StandardCharsets.US_ASCII);
    if (!text.matches("[0-9]{14}(\\.[0-9]*[1-9])?Z")) {
      throw new IllegalArgumentException("a GeneralizedTime not in UTC to the second: " + text);
    }
    int nanos = 0;
    if (text.charAt(14) == '.') {
      String fraction = text.substring(15, text.length() - 1);
      if (fraction.length() > 9) {
        throw new IllegalArgumentException("a GeneralizedTime finer than nanoseconds: " + text);
      }
      nanos = Integer.parseInt(fraction + "0".repeat(9 - fraction.length()));
    }
    return dateTime(Integer.parseInt(text.substring(0, 4)), text.substring(4, 14), nanos);
  }

  /** A UTCTime to the second, in UTC ({@code YYMMDDhhmmssZ}), its years 50-99 in the 1900s. */
  public static Instant utcTimeOf(byte[] element) {
    String text = new String(content(element, Der.UTC_TIME), StandardCharsets.US_ASCII);
    if (!text.matches("[0-9]{12}Z")) {
      throw new IllegalArgumentException("a UTCTime not in UTC to the second: " + text);
    }
    int year = Integer.parseInt(text.substring(0, 2));
    return dateTime(year < 50 ? 2000 + year : 1900 + year, text.substring(2, 12), 0);
  }

  /** {@code MMDDhhmmss} of that year. */
  private static Instant dateTime(int year, String rest, int nanos) {
    try {
      return LocalDateTime.of(
              year,
              Integer.parseInt(rest.substring(0, 2)),
              Integer.parseInt(rest.substring(2, 4)),
              Integer.parseInt(rest.substring(4, 6)),
              Integer.parseInt(rest.substring(6, 8)),
              Integer.parseInt(rest.substring(8, 10)),
              nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not a time: " + e.getMessage(), e);
    }
  }

  private static int contentStart(byte[] der, int offset) {
    if (offset + 2 > der.length || (der[offset] & 0x1f) == 0x1f) {
      throw new IllegalArgumentException("a DER element is cut short or has a multi-octet tag");
    }
    int first = der[offset + 1] & 0xff;
    int lengthOctets = first < 0x80 ? 0 : first & 0x7f;
    if (first == 0x80) {
      throw new IllegalArgumentException("an indefinite length, which DER does not have");
    }
    if (lengthOctets > 3 || offset + 2 + lengthOctets > der.length) {
      throw new IllegalArgumentException("a DER length is cut short or too long");
    }
    if (lengthOctets > 0
        && (der[offset + 2] == 0 || (lengthOctets == 1 && (der[offset + 2] & 0xff) < 0x80))) {
      throw new IllegalArgumentException("a DER length in more octets than it needs");
    }
    return offset + 2 + lengthOctets;
  }

  private static int contentLength(byte[] der, int offset) {
    int first = der[offset + 1] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (der[offset + 2 + i] & 0xff);
    }
    return length;
  }
}
