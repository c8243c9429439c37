package dev.provenanceaction.sigstore.x509;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;

/** Names and the DER values of the RFC 5280 extensions a code-signing CA puts in certificates. */
public final class Extensions {
  public static final String KEY_USAGE = "2.5.29.15";
  public static final String SUBJECT_ALTERNATIVE_NAME = "2.5.29.17";
  public static final String BASIC_CONSTRAINTS = "2.5.29.19";
  public static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
  public static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
  public static final String EXTENDED_KEY_USAGE = "2.5.29.37";

  /** KeyUsage bits, as the first octet of the named bit list. */
  public static final int DIGITAL_SIGNATURE = 0x80;

  public static final int KEY_CERT_SIGN = 0x04;
  public static final int CRL_SIGN = 0x02;

  /** GeneralName choices. */
  public static final int RFC822_NAME = 1;

  public static final int URI = 6;

  /** The empty Name of a leaf whose identity is in its subject alternative name. */
  public static final byte[] EMPTY_NAME = Der.sequence();

  private static final String ORGANIZATION = "2.5.4.10";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

  private Extensions() {}

  /** A Name of two RDNs, organization then common name, each a UTF8String. */
  public static byte[] name(String organization, String commonName) {
    return Der.sequence(attribute(ORGANIZATION, organization), attribute(COMMON_NAME, commonName));
  }

  /**
   * @param bits {@link #DIGITAL_SIGNATURE}, {@link #KEY_CERT_SIGN}, {@link #CRL_SIGN}, or-ed
   */
  public static byte[] keyUsage(int bits) {
    return Der.namedBits(bits);
  }

  /**
   * A CA's basic constraints.
   *
   * @param pathLength how many intermediates may follow, or -1 for no limit
   */
  public static byte[] caBasicConstraints(int pathLength) {
    return pathLength < 0
        ? Der.sequence(Der.booleanTrue())
        : Der.sequence(Der.booleanTrue(), Der.integer(BigInteger.valueOf(pathLength)));
  }

  public static byte[] codeSigningUsage() {
    return Der.sequence(Der.objectIdentifier(CODE_SIGNING));
  }

  /** RFC 5280's method 1: SHA-1 of the subjectPublicKey bits. */
  public static byte[] subjectKeyIdentifier(PublicKey key) {
    return Der.octetString(keyIdentifier(key));
  }

  /** The issuer's key identifier alone, computed like {@link #subjectKeyIdentifier}. */
  public static byte[] authorityKeyIdentifier(PublicKey issuerKey) {
    return Der.sequence(Der.implicitPrimitive(0, keyIdentifier(issuerKey)));
  }

  /**
   * One general name of an IA5String choice ({@link #URI}, {@link #RFC822_NAME}). IA5 is ASCII:
   * like BouncyCastle, which wrote these before, each char keeps its low octet only.
   */
  public static byte[] subjectAlternativeName(int choice, String value) {
    byte[] ia5 = new byte[value.length()];
    for (int i = 0; i < ia5.length; i++) {
      ia5[i] = (byte) value.charAt(i);
    }
    return Der.sequence(Der.implicitPrimitive(choice, ia5));
  }

  private static byte[] attribute(String type, String value) {
    return Der.setOf(Der.sequence(Der.objectIdentifier(type), Der.utf8String(value)));
  }

  private static byte[] keyIdentifier(PublicKey key) {
    // SubjectPublicKeyInfo ::= SEQUENCE { algorithm, subjectPublicKey BIT STRING }; the bits
    // follow the BIT STRING's unused-bits octet.
    byte[] bitString = DerReader.content(DerReader.children(key.getEncoded()).get(1));
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(bitString, 1, bitString.length - 1);
      return sha1.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
