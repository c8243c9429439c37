package dev.provenanceaction.sigstore.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DerReaderTest {
  private static byte[] element(int tag, String content) {
    byte[] octets = content.getBytes(StandardCharsets.US_ASCII);
    byte[] element = new byte[octets.length + 2];
    element[0] = (byte) tag;
    element[1] = (byte) octets.length;
    System.arraycopy(octets, 0, element, 2, octets.length);
    return element;
  }

  @Test
  void objectIdentifiersReadAsTheyWereWritten() {
    for (String oid :
        new String[] {"1.2.840.113549.1.7.2", "2.16.840.1.101.3.4.2.1", "2.999.3", "0.9"}) {
      assertEquals(oid, DerReader.objectIdentifierOf(Der.objectIdentifier(oid)));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> DerReader.objectIdentifierOf(new byte[] {0x06, 0x02, 0x2a, (byte) 0x86}));
    assertThrows(
        IllegalArgumentException.class,
        () -> DerReader.objectIdentifierOf(new byte[] {0x06, 0x03, 0x2a, (byte) 0x80, 0x01}));
  }

  @Test
  void generalizedTimesAreUtcToTheSecondOrAFractionWithoutTrailingZeros() {
    assertEquals(
        Instant.parse("2025-06-09T21:06:28Z"),
        DerReader.generalizedTimeOf(element(Der.GENERALIZED_TIME, "20250609210628Z")));
    assertEquals(
        Instant.parse("2025-06-09T21:06:28.05Z"),
        DerReader.generalizedTimeOf(element(Der.GENERALIZED_TIME, "20250609210628.05Z")));
    for (String bad :
        new String[] {"20250609210628.50Z", "20250609210628", "20251309210628Z", "202506092106Z"}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> DerReader.generalizedTimeOf(element(Der.GENERALIZED_TIME, bad)),
          bad);
    }
  }

  @Test
  void utcTimesOfYearsFrom50AreOfThe1900s() {
    assertEquals(
        Instant.parse("1950-01-01T00:00:00Z"),
        DerReader.utcTimeOf(element(Der.UTC_TIME, "500101000000Z")));
    assertEquals(
        Instant.parse("2049-12-31T23:59:59Z"),
        DerReader.utcTimeOf(element(Der.UTC_TIME, "491231235959Z")));
  }

  @Test
  void integersAreTwosComplement() {
    assertEquals(BigInteger.valueOf(-1), DerReader.integerOf(new byte[] {0x02, 0x01, -1}));
    assertEquals(
        BigInteger.valueOf(128), DerReader.integerOf(Der.integer(BigInteger.valueOf(128))));
  }

  @Test
  void theStructureCheckRefusesWhatDerDoesNotAllow() {
    DerReader.checkStructure(
        Der.sequence(Der.integer(BigInteger.ONE), Der.booleanTrue(), Der.octetString(new byte[3])));
    byte[][] refused = {
      {0x30, (byte) 0x80, 0x00, 0x00}, // indefinite length
      {0x04, (byte) 0x81, 0x01, 0x00}, // a length in more octets than it needs
      {0x10, 0x00}, // a primitive SEQUENCE
      {0x24, 0x03, 0x04, 0x01, 0x00}, // a constructed OCTET STRING
      {0x01, 0x01, 0x01}, // a BOOLEAN neither 0x00 nor 0xff
      {0x02, 0x02, 0x00, 0x01}, // an INTEGER with a needless leading octet
      {0x03, 0x02, 0x01, 0x01}, // a BIT STRING whose unused bit is set
      {0x0b, 0x00}, // EMBEDDED PDV, which nothing here holds
      {0x30, 0x03, 0x02, 0x01}, // a child running past its parent
    };
    for (byte[] der : refused) {
      assertThrows(IllegalArgumentException.class, () -> DerReader.checkStructure(der));
    }
  }
}
