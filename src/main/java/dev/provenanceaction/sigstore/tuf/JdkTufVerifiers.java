package dev.provenanceaction.sigstore.tuf;

import dev.sigstore.tuf.encryption.Verifier;
import dev.sigstore.tuf.model.Key;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The TUF metadata's signatures checked by the JDK, for the key types and schemes sigstore-java's
 * own {@code dev.sigstore.tuf.encryption.Verifiers} takes, and as it reads their keys. Its class
 * installs BouncyCastle as a security provider when it is first used and parses each key with
 * BouncyCastle's PEM classes: in a cold JVM that took 44 ms of a public-good run's main thread and
 * some 500 more classes, none of them in the image's class-data archive, to check a few ECDSA
 * signatures the JDK checks as well (BENCHMARKS.md, session 17).
 */
final class JdkTufVerifiers {
  // SubjectPublicKeyInfo of an Ed25519 key (RFC 8410) up to its 32 raw octets.
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private JdkTufVerifiers() {}

  /**
   * The verifier of a key's signatures: ECDSA (key type {@code ecdsa} or {@code
   * ecdsa-sha2-nistp256}, scheme {@code ecdsa-sha2-nistp256}) and RSASSA-PSS ({@code rsa}, {@code
   * rsassa-pss-sha256}) keys as PEM SubjectPublicKeyInfo, Ed25519 ({@code ed25519}) keys as the hex
   * of their 32 octets.
   *
   * @throws InvalidKeyException for another type or scheme, or a key that does not parse as one
   */
  static Verifier newVerifier(Key key) throws InvalidKeyException {
    String type = key.getKeyType();
    String scheme = key.getScheme();
    String value = key.getKeyVal().get("public");
    if (value == null) {
      throw new InvalidKeyException("a tuf " + type + " key without keyval.public");
    }
    if ((type.equals("ecdsa") || type.equals("ecdsa-sha2-nistp256"))
        && scheme.equals("ecdsa-sha2-nistp256")) {
      return verifier(publicKey("EC", pem(type, value)), "SHA256withECDSA", null);
    }
    if (type.equals("rsa") && scheme.equals("rsassa-pss-sha256")) {
      // sigstore-java's SHA256withRSAandMGF1: MGF1 with SHA-256, a salt as long as the digest.
      PSSParameterSpec pss =
          new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
      return verifier(publicKey("RSA", pem(type, value)), "RSASSA-PSS", pss);
    }
    if (type.equals("ed25519") && scheme.equals("ed25519")) {
      byte[] raw;
      try {
        raw = HexFormat.of().parseHex(value);
      } catch (IllegalArgumentException e) {
        throw new InvalidKeyException("Could not parse hex encoded ed25519 public key");
      }
      byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
      System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
      System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
      return verifier(publicKey("Ed25519", spki), "Ed25519", null);
    }
    throw new InvalidKeyException(
        "Unsupported tuf key type and scheme combination: " + type + "/" + scheme);
  }

  /** A failure is sigstore-java's Updater's to take: it counts the signature as not made. */
  private static Verifier verifier(
      PublicKey key, String algorithm, AlgorithmParameterSpec parameters) {
    return (data, signature) -> {
      Signature check = Signature.getInstance(algorithm);
      if (parameters != null) {
        try {
          check.setParameter(parameters);
        } catch (InvalidAlgorithmParameterException e) {
          throw new InvalidKeyException(e.getMessage(), e);
        }
      }
      check.initVerify(key);
      check.update(data);
      return check.verify(signature);
    };
  }

  /**
   * The DER of a key's one PEM section. sigstore-java's PEM parser reads the first section and
   * leaves the rest; here a second one is refused.
   */
  private static byte[] pem(String type, String text) throws InvalidKeyException {
    String begin = "-----BEGIN PUBLIC KEY-----";
    String end = "-----END PUBLIC KEY-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from || text.indexOf(begin, from + 1) >= 0) {
      throw new InvalidKeyException("tuf " + type + " keys must be a single PEM encoded section");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException("Could not parse PEM section in " + type + " public key");
    }
  }

  private static PublicKey publicKey(String algorithm, byte[] spki) throws InvalidKeyException {
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyException("Could not parse the " + algorithm + " public key", e);
    }
  }
}
