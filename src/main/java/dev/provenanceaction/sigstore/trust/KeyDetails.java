package dev.provenanceaction.sigstore.trust;

import dev.provenanceaction.sigstore.x509.Der;
import dev.provenanceaction.sigstore.x509.DerReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A key form of the protobuf-specs {@code PublicKeyDetails}: how a trusted root's {@code rawBytes}
 * encode the key, and the one signature algorithm that key verifies with. Forms a Java 17 runtime
 * cannot verify (LMS, ML-DSA) are absent, so a root naming them keeps its other keys.
 */
public enum KeyDetails {
  /** A PKCS#1 {@code RSAPublicKey}, not an SPKI: staging's CT log key. */
  PKCS1_RSA_PKCS1V5(Encoding.PKCS1_RSA, Scheme.RSA_PKCS1V15, 0),
  PKCS1_RSA_PSS(Encoding.PKCS1_RSA, Scheme.RSA_PSS, 0),
  PKIX_RSA_PKCS1V5(Encoding.PKIX_RSA, Scheme.RSA_PKCS1V15, 0),
  PKIX_RSA_PSS(Encoding.PKIX_RSA, Scheme.RSA_PSS, 0),
  PKIX_RSA_PKCS1V15_2048_SHA256(Encoding.PKIX_RSA, Scheme.RSA_PKCS1V15, 2048),
  PKIX_RSA_PKCS1V15_3072_SHA256(Encoding.PKIX_RSA, Scheme.RSA_PKCS1V15, 3072),
  PKIX_RSA_PKCS1V15_4096_SHA256(Encoding.PKIX_RSA, Scheme.RSA_PKCS1V15, 4096),
  PKIX_RSA_PSS_2048_SHA256(Encoding.PKIX_RSA, Scheme.RSA_PSS, 2048),
  PKIX_RSA_PSS_3072_SHA256(Encoding.PKIX_RSA, Scheme.RSA_PSS, 3072),
  PKIX_RSA_PSS_4096_SHA256(Encoding.PKIX_RSA, Scheme.RSA_PSS, 4096),
  /** Deterministic ECDSA (RFC 6979): its signatures verify as any ECDSA signature does. */
  PKIX_ECDSA_P256_HMAC_SHA_256(Encoding.PKIX_EC, Scheme.ECDSA_SHA256, 256),
  PKIX_ECDSA_P256_SHA_256(Encoding.PKIX_EC, Scheme.ECDSA_SHA256, 256),
  PKIX_ECDSA_P384_SHA_384(Encoding.PKIX_EC, Scheme.ECDSA_SHA384, 384),
  PKIX_ECDSA_P521_SHA_512(Encoding.PKIX_EC, Scheme.ECDSA_SHA512, 521),
  PKIX_ECDSA_P384_SHA_256(Encoding.PKIX_EC, Scheme.ECDSA_SHA256, 384),
  PKIX_ECDSA_P521_SHA_256(Encoding.PKIX_EC, Scheme.ECDSA_SHA256, 521),
  /** The Rekor v2 logs' keys. */
  PKIX_ED25519(Encoding.PKIX_ED25519, Scheme.ED25519, 0),
  PKIX_ED25519_PH(Encoding.PKIX_ED25519, Scheme.ED25519_PH, 0);

  /** How {@code rawBytes} encode the key. */
  private enum Encoding {
    PKCS1_RSA,
    PKIX_RSA,
    PKIX_EC,
    PKIX_ED25519
  }

  /** The signature algorithm, as the JDK names it, with its parameters. */
  private enum Scheme {
    RSA_PKCS1V15("SHA256withRSA"),
    RSA_PSS("RSASSA-PSS"),
    ECDSA_SHA256("SHA256withECDSA"),
    ECDSA_SHA384("SHA384withECDSA"),
    ECDSA_SHA512("SHA512withECDSA"),
    ED25519("Ed25519"),
    ED25519_PH("Ed25519");

    private final String jdkName;

    Scheme(String jdkName) {
      this.jdkName = jdkName;
    }
  }

  private static final int SHA256_BYTES = 32;
  private static final byte[] RSA_ENCRYPTION = Der.objectIdentifier("1.2.840.113549.1.1.1");
  private static final byte[] DER_NULL = {0x05, 0x00};

  private final Encoding encoding;
  private final Scheme scheme;
  private final int bits;

  /**
   * @param bits the RSA modulus size or the EC field size the form requires, 0 for any RSA size
   */
  KeyDetails(Encoding encoding, Scheme scheme, int bits) {
    this.encoding = encoding;
    this.scheme = scheme;
    this.bits = bits;
  }

  /** The form a trusted root names, if this runtime can verify with it. */
  public static Optional<KeyDetails> named(String keyDetails) {
    return Arrays.stream(values()).filter(form -> form.name().equals(keyDetails)).findFirst();
  }

  /**
   * Reads a trusted root's {@code rawBytes} as a key of this form.
   *
   * @throws GeneralSecurityException when the bytes are not a key of this form and size
   */
  public PublicKey parse(byte[] rawBytes) throws GeneralSecurityException {
    PublicKey key =
        switch (encoding) {
          case PKCS1_RSA -> pkcs1RsaKey(rawBytes);
          case PKIX_RSA -> KeyFactory.getInstance("RSA").generatePublic(spki(rawBytes));
          case PKIX_EC -> KeyFactory.getInstance("EC").generatePublic(spki(rawBytes));
          case PKIX_ED25519 -> KeyFactory.getInstance("Ed25519").generatePublic(spki(rawBytes));
        };
    int found = bitsOf(key);
    if (bits != 0 && found != bits) {
      throw new GeneralSecurityException("a " + found + "-bit key, expected " + bits + " bits");
    }
    return key;
  }

  /** The key as this form writes it in a trusted root's {@code rawBytes}. */
  public byte[] encode(PublicKey key) {
    byte[] spki = key.getEncoded();
    if (encoding != Encoding.PKCS1_RSA) {
      return spki;
    }
    // The SPKI's BIT STRING holds the PKCS#1 key after its unused-bits octet.
    byte[] bits = DerReader.content(DerReader.children(spki).get(1));
    return Arrays.copyOfRange(bits, 1, bits.length);
  }

  /** Whether this form's algorithm accepts {@code signature} by {@code key}; never throws. */
  public boolean verify(PublicKey key, byte[] data, byte[] signature) {
    for (AlgorithmParameterSpec parameters : parameters(key)) {
      try {
        Signature verifier = Signature.getInstance(scheme.jdkName);
        if (parameters != null) {
          verifier.setParameter(parameters);
        }
        verifier.initVerify(key);
        verifier.update(data);
        if (verifier.verify(signature)) {
          return true;
        }
      } catch (GeneralSecurityException | RuntimeException e) {
        // A malformed signature or a key of another type is a signature that does not verify.
      }
    }
    return false;
  }

  /**
   * The parameter sets to try, in order. PSS: SHA-256, MGF1 with SHA-256, and the salt as long as
   * the hash (sigstore-go, cosign) or as long as the key allows (Go's default when signing): Go's
   * verifier detects the salt's length, the JDK's must be told it.
   */
  private List<AlgorithmParameterSpec> parameters(PublicKey key) {
    return switch (scheme) {
      case RSA_PSS -> {
        int emBytes = (bitsOf(key) - 1 + 7) / 8;
        yield List.of(pss(SHA256_BYTES), pss(Math.max(0, emBytes - SHA256_BYTES - 2)));
      }
      case ED25519_PH -> List.of(new EdDSAParameterSpec(true));
      default -> Arrays.asList((AlgorithmParameterSpec) null);
    };
  }

  private static PSSParameterSpec pss(int saltBytes) {
    return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltBytes, 1);
  }

  private static int bitsOf(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize();
    }
    if (key instanceof EdECPublicKey) {
      return 255;
    }
    return 0;
  }

  private static X509EncodedKeySpec spki(byte[] der) {
    return new X509EncodedKeySpec(der);
  }

  /**
   * A PKCS#1 {@code RSAPublicKey} wrapped as the SPKI it is the key bits of (RFC 3279 2.3.1), so
   * that the JDK's own decoder checks it.
   */
  private static PublicKey pkcs1RsaKey(byte[] der) throws GeneralSecurityException {
    byte[] spki = Der.sequence(Der.sequence(RSA_ENCRYPTION, DER_NULL), Der.bitString(der));
    return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
  }
}
