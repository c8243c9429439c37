package dev.provenanceaction.sigstore;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * ECDSA with the JDK's own provider: key pairs on NIST curves and SHA-256 signatures in DER, the
 * form Sigstore uses for DSSE, SETs, checkpoints and SCTs.
 */
public final class Ecdsa {
  /** How a trusted root names a P-256 key that signs with SHA-256. */
  public static final String P256_KEY_DETAILS = "PKIX_ECDSA_P256_SHA_256";

  private Ecdsa() {}

  /** A fresh key pair on P-256 ({@code secp256r1}). */
  public static KeyPair generateP256() {
    return generate("secp256r1");
  }

  /** A fresh key pair on P-384 ({@code secp384r1}), the curve of Fulcio's CA keys. */
  public static KeyPair generateP384() {
    return generate("secp384r1");
  }

  /** A DER ECDSA signature with SHA-256 over {@code data}. */
  public static byte[] sign(PrivateKey key, byte[] data) {
    return sign("SHA256withECDSA", key, data);
  }

  /**
   * A signature that {@link #verify} accepts over data whose SHA-256 is {@code sha256}: ECDSA signs
   * the digest, so a caller that needs the digest anyway hashes once.
   */
  public static byte[] signSha256(PrivateKey key, byte[] sha256) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
    }
    return sign("NONEwithECDSA", key, sha256);
  }

  private static byte[] sign(String algorithm, PrivateKey key, byte[] input) {
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(input);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with an EC key", e);
    }
  }

  /** Whether {@code signature} is a valid SHA-256 ECDSA signature by {@code key}; never throws. */
  public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    return verify("SHA256withECDSA", key, data, signature);
  }

  /**
   * Whether {@code signature} is an ECDSA signature by {@code key} over data whose digest is {@code
   * digest} ({@link #verify} over data whose SHA-256 it is); never throws.
   */
  public static boolean verifyDigest(PublicKey key, byte[] digest, byte[] signature) {
    return verify("NONEwithECDSA", key, digest, signature);
  }

  private static boolean verify(String algorithm, PublicKey key, byte[] input, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(input);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** SHA-256 of the key's DER SubjectPublicKeyInfo: a log ID, or an SCT's issuer key hash. */
  public static byte[] keyId(PublicKey key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static KeyPair generate(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK supports " + curve, e);
    }
  }
}
