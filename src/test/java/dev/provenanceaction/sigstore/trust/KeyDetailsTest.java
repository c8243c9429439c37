package dev.provenanceaction.sigstore.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each key form reads its own encoding and verifies with its own algorithm, and no other. */
class KeyDetailsTest {
  private static final byte[] DATA = "a checkpoint's text\n".getBytes(StandardCharsets.UTF_8);
  private static final Map<String, KeyPair> KEYS = new HashMap<>();

  /** A form, a key it holds, and how that key signs under it. */
  record Case(KeyDetails form, String keyType, String signatureAlgorithm, Object parameters) {
    @Override
    public String toString() {
      return form.name();
    }
  }

  static Stream<Arguments> forms() {
    PSSParameterSpec pss = pss(32);
    return Stream.of(
            new Case(KeyDetails.PKCS1_RSA_PKCS1V5, "RSA-2048", "SHA256withRSA", null),
            new Case(KeyDetails.PKCS1_RSA_PSS, "RSA-2048", "RSASSA-PSS", pss),
            new Case(KeyDetails.PKIX_RSA_PKCS1V5, "RSA-2048", "SHA256withRSA", null),
            new Case(KeyDetails.PKIX_RSA_PSS, "RSA-2048", "RSASSA-PSS", pss),
            new Case(KeyDetails.PKIX_RSA_PKCS1V15_2048_SHA256, "RSA-2048", "SHA256withRSA", null),
            new Case(KeyDetails.PKIX_RSA_PKCS1V15_3072_SHA256, "RSA-3072", "SHA256withRSA", null),
            new Case(KeyDetails.PKIX_RSA_PSS_2048_SHA256, "RSA-2048", "RSASSA-PSS", pss),
            new Case(KeyDetails.PKIX_RSA_PSS_3072_SHA256, "RSA-3072", "RSASSA-PSS", pss),
            new Case(KeyDetails.PKIX_ECDSA_P256_HMAC_SHA_256, "secp256r1", "SHA256withECDSA", null),
            new Case(KeyDetails.PKIX_ECDSA_P256_SHA_256, "secp256r1", "SHA256withECDSA", null),
            new Case(KeyDetails.PKIX_ECDSA_P384_SHA_384, "secp384r1", "SHA384withECDSA", null),
            new Case(KeyDetails.PKIX_ECDSA_P521_SHA_512, "secp521r1", "SHA512withECDSA", null),
            new Case(KeyDetails.PKIX_ECDSA_P384_SHA_256, "secp384r1", "SHA256withECDSA", null),
            new Case(KeyDetails.PKIX_ECDSA_P521_SHA_256, "secp521r1", "SHA256withECDSA", null),
            new Case(KeyDetails.PKIX_ED25519, "Ed25519", "Ed25519", null),
            new Case(
                KeyDetails.PKIX_ED25519_PH, "Ed25519", "Ed25519", new EdDSAParameterSpec(true)))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("forms")
  void readsItsEncodingAndVerifiesItsAlgorithm(Case form) throws Exception {
    KeyPair pair = key(form.keyType());
    byte[] rawBytes = form.form().encode(pair.getPublic());
    PublicKey key = form.form().parse(rawBytes);
    byte[] signature = sign(pair.getPrivate(), form.signatureAlgorithm(), form.parameters());

    assertEquals(pair.getPublic(), key);
    assertArrayEquals(rawBytes, form.form().encode(key));
    assertTrue(form.form().verify(key, DATA, signature));
    assertFalse(form.form().verify(key, flipLast(DATA), signature));
    assertFalse(form.form().verify(key, DATA, flipLast(signature)));
    assertFalse(form.form().verify(key, DATA, new byte[0]));
  }

  @Test
  void pkcs1AndSpkiAreNotInterchangeable() throws Exception {
    PublicKey rsa = key("RSA-2048").getPublic();
    byte[] pkcs1 = KeyDetails.PKCS1_RSA_PKCS1V5.encode(rsa);

    assertFalse(Arrays.equals(rsa.getEncoded(), pkcs1));
    assertThrows(
        GeneralSecurityException.class, () -> KeyDetails.PKCS1_RSA_PKCS1V5.parse(rsa.getEncoded()));
    assertThrows(GeneralSecurityException.class, () -> KeyDetails.PKIX_RSA_PKCS1V5.parse(pkcs1));
    byte[] trailing = Arrays.copyOf(pkcs1, pkcs1.length + 1);
    assertThrows(
        GeneralSecurityException.class, () -> KeyDetails.PKCS1_RSA_PKCS1V5.parse(trailing));
  }

  @Test
  void sizedFormsRefuseOtherSizesAndCurves() throws Exception {
    byte[] rsa2048 = key("RSA-2048").getPublic().getEncoded();
    byte[] p384 = key("secp384r1").getPublic().getEncoded();

    GeneralSecurityException size =
        assertThrows(
            GeneralSecurityException.class,
            () -> KeyDetails.PKIX_RSA_PKCS1V15_4096_SHA256.parse(rsa2048));
    assertEquals("a 2048-bit key, expected 4096 bits", size.getMessage());
    assertThrows(
        GeneralSecurityException.class, () -> KeyDetails.PKIX_RSA_PSS_3072_SHA256.parse(rsa2048));
    assertThrows(
        GeneralSecurityException.class, () -> KeyDetails.PKIX_ECDSA_P256_SHA_256.parse(p384));
    assertThrows(GeneralSecurityException.class, () -> KeyDetails.PKIX_ED25519.parse(p384));
    assertThrows(
        GeneralSecurityException.class, () -> KeyDetails.PKIX_ECDSA_P384_SHA_384.parse(rsa2048));
  }

  @Test
  void theFormsHashIsTheOneThatVerifies() throws Exception {
    KeyPair p384 = key("secp384r1");
    byte[] sha384 = sign(p384.getPrivate(), "SHA384withECDSA", null);
    byte[] sha256 = sign(p384.getPrivate(), "SHA256withECDSA", null);

    assertTrue(KeyDetails.PKIX_ECDSA_P384_SHA_384.verify(p384.getPublic(), DATA, sha384));
    assertFalse(KeyDetails.PKIX_ECDSA_P384_SHA_384.verify(p384.getPublic(), DATA, sha256));
    assertTrue(KeyDetails.PKIX_ECDSA_P384_SHA_256.verify(p384.getPublic(), DATA, sha256));
    assertFalse(KeyDetails.PKIX_ECDSA_P384_SHA_256.verify(p384.getPublic(), DATA, sha384));

    KeyPair rsa = key("RSA-2048");
    byte[] pkcs1v15 = sign(rsa.getPrivate(), "SHA256withRSA", null);
    assertFalse(KeyDetails.PKIX_RSA_PSS_2048_SHA256.verify(rsa.getPublic(), DATA, pkcs1v15));
    byte[] pss = sign(rsa.getPrivate(), "RSASSA-PSS", pss(32));
    assertFalse(KeyDetails.PKIX_RSA_PKCS1V15_2048_SHA256.verify(rsa.getPublic(), DATA, pss));

    KeyPair ed25519 = key("Ed25519");
    byte[] pure = sign(ed25519.getPrivate(), "Ed25519", null);
    assertFalse(KeyDetails.PKIX_ED25519_PH.verify(ed25519.getPublic(), DATA, pure));
  }

  @Test
  void pssSaltAsLongAsTheHashOrAsTheKeyAllows() throws Exception {
    KeyPair rsa = key("RSA-2048");
    int longest = 2048 / 8 - 32 - 2;

    for (int salt : new int[] {32, longest}) {
      byte[] signature = sign(rsa.getPrivate(), "RSASSA-PSS", pss(salt));
      assertTrue(
          KeyDetails.PKIX_RSA_PSS_2048_SHA256.verify(rsa.getPublic(), DATA, signature),
          "salt " + salt);
    }
    byte[] shortSalt = sign(rsa.getPrivate(), "RSASSA-PSS", pss(20));
    assertFalse(KeyDetails.PKIX_RSA_PSS_2048_SHA256.verify(rsa.getPublic(), DATA, shortSalt));
  }

  @Test
  void formsThisRuntimeCannotVerifyAreUnknown() {
    assertTrue(KeyDetails.named("PKIX_ED25519").isPresent());
    for (String name :
        new String[] {
          "LMS_SHA256",
          "LMOTS_SHA256",
          "ML_DSA_65",
          "PUBLIC_KEY_DETAILS_UNSPECIFIED",
          "pkix_ed25519"
        }) {
      assertTrue(KeyDetails.named(name).isEmpty(), name);
    }
  }

  private static PSSParameterSpec pss(int saltBytes) {
    return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltBytes, 1);
  }

  private static byte[] sign(PrivateKey key, String algorithm, Object parameters)
      throws GeneralSecurityException {
    Signature signer = Signature.getInstance(algorithm);
    if (parameters != null) {
      signer.setParameter((AlgorithmParameterSpec) parameters);
    }
    signer.initSign(key);
    signer.update(DATA);
    return signer.sign();
  }

  private static synchronized KeyPair key(String type) {
    return KEYS.computeIfAbsent(type, KeyDetailsTest::generate);
  }

  private static KeyPair generate(String type) {
    try {
      if (type.startsWith("RSA-")) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(Integer.parseInt(type.substring(4)));
        return generator.generateKeyPair();
      }
      if (type.equals("Ed25519")) {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(type));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] flipLast(byte[] bytes) {
    byte[] copy = Arrays.copyOf(bytes, bytes.length);
    if (copy.length > 0) {
      copy[copy.length - 1] ^= 1;
    }
    return copy;
  }
}
