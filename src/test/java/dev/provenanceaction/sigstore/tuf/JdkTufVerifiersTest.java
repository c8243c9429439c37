package dev.provenanceaction.sigstore.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.Fixtures;
import dev.sigstore.json.GsonSupplier;
import dev.sigstore.tuf.encryption.Verifier;
import dev.sigstore.tuf.model.ImmutableKey;
import dev.sigstore.tuf.model.Key;
import dev.sigstore.tuf.model.Root;
import dev.sigstore.tuf.model.Signature;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TUF signatures checked by the JDK: the real roots sigstore-java ships (src/test/resources/real,
 * tuf/), signed by Sigstore's root keyholders, and keys of each other type made here.
 */
class JdkTufVerifiersTest {
  private static final byte[] DATA = "{\"signed\":\"bytes\"}".getBytes(StandardCharsets.UTF_8);

  /**
   * Every signature a root's own keys made over its canonical bytes verifies; with one bit of it or
   * of the bytes changed, none does.
   */
  @ParameterizedTest
  @ValueSource(strings = {"real/tuf/public-good-10.root.json", "real/tuf/staging-10.root.json"})
  void aRealRootsSignaturesByItsOwnKeysVerify(String file) throws Exception {
    Root root = GsonSupplier.GSON.get().fromJson(Fixtures.text(file), Root.class);
    byte[] signed = root.getCanonicalSignedBytes();
    List<String> rootKeys = root.getSignedMeta().getRoles().get("root").getKeyids();
    int verified = 0;
    for (Signature signature : root.getSignatures()) {
      if (!rootKeys.contains(signature.getKeyId())) {
        continue; // a key of an earlier root, kept for the rotation
      }
      Verifier verifier =
          JdkTufVerifiers.newVerifier(root.getSignedMeta().getKeys().get(signature.getKeyId()));
      byte[] value = HexFormat.of().parseHex(signature.getSignature());
      if (value.length == 0) {
        // A keyholder who did not sign: staging's root has two such, under its threshold of 2.
        assertFalse(refusedOrFalse(verifier, signed, value));
        continue;
      }
      assertTrue(verifier.verify(signed, value), signature.getKeyId());
      byte[] otherBytes = signed.clone();
      otherBytes[otherBytes.length / 2] ^= 1;
      assertFalse(verifier.verify(otherBytes, value));
      byte[] otherValue = value.clone();
      otherValue[otherValue.length - 1] ^= 1;
      assertFalse(refusedOrFalse(verifier, signed, otherValue));
      verified++;
    }
    assertEquals(file.contains("staging") ? 2 : 5, verified);
    assertTrue(verified >= root.getSignedMeta().getRoles().get("root").getThreshold());
  }

  @Test
  void ed25519KeysAreTheHexOfTheirOctets() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] encoded = keys.getPublic().getEncoded();
    String raw = HexFormat.of().formatHex(Arrays.copyOfRange(encoded, 12, encoded.length));
    Verifier verifier = JdkTufVerifiers.newVerifier(key("ed25519", "ed25519", raw));
    assertTrue(verifier.verify(DATA, sign("Ed25519", keys, DATA)));
    assertFalse(verifier.verify(DATA, sign("Ed25519", otherKeys("Ed25519"), DATA)));
    InvalidKeyException notHex =
        assertThrows(
            InvalidKeyException.class,
            () -> JdkTufVerifiers.newVerifier(key("ed25519", "ed25519", "not hex")));
    assertEquals("Could not parse hex encoded ed25519 public key", notHex.getMessage());
  }

  @Test
  void rsaPssKeysVerifyWithMgf1AndASaltAsLongAsTheDigest() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    Verifier verifier =
        JdkTufVerifiers.newVerifier(
            key("rsa", "rsassa-pss-sha256", pem(keys.getPublic().getEncoded())));
    java.security.Signature signer = java.security.Signature.getInstance("RSASSA-PSS");
    signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    signer.initSign(keys.getPrivate());
    signer.update(DATA);
    byte[] signature = signer.sign();
    assertTrue(verifier.verify(DATA, signature));
    signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 20, 1));
    signer.initSign(keys.getPrivate());
    signer.update(DATA);
    assertFalse(verifier.verify(DATA, signer.sign()), "another salt length");
  }

  @Test
  void ecdsaKeysOfEitherTypeNameVerify() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
    for (String type : List.of("ecdsa", "ecdsa-sha2-nistp256")) {
      Verifier verifier =
          JdkTufVerifiers.newVerifier(
              key(type, "ecdsa-sha2-nistp256", pem(keys.getPublic().getEncoded())));
      assertTrue(verifier.verify(DATA, sign("SHA256withECDSA", keys, DATA)));
      assertFalse(verifier.verify(DATA, sign("SHA256withECDSA", otherKeys("EC"), DATA)));
    }
  }

  @Test
  void anotherTypeOrSchemeIsRefused() {
    for (Key key :
        List.of(
            key("ecdsa", "ecdsa-sha2-nistp384", "x"),
            key("rsa", "rsa-pkcs1v15-sha256", "x"),
            key("ed448", "ed448", "x"))) {
      InvalidKeyException refused =
          assertThrows(InvalidKeyException.class, () -> JdkTufVerifiers.newVerifier(key));
      assertTrue(refused.getMessage().startsWith("Unsupported tuf key type and scheme"));
    }
  }

  @Test
  void aPemKeyMustBeOneSectionOfAKeyOfItsType() throws Exception {
    byte[] ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded();
    for (String value :
        List.of(
            "no PEM",
            pem(ec) + pem(ec),
            "-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----\n")) {
      assertThrows(
          InvalidKeyException.class,
          () -> JdkTufVerifiers.newVerifier(key("ecdsa", "ecdsa-sha2-nistp256", value)));
    }
    assertThrows(
        InvalidKeyException.class,
        () -> JdkTufVerifiers.newVerifier(key("rsa", "rsassa-pss-sha256", pem(ec))),
        "an EC key given as RSA");
    assertThrows(
        InvalidKeyException.class,
        () ->
            JdkTufVerifiers.newVerifier(
                ImmutableKey.builder().keyType("ecdsa").scheme("ecdsa-sha2-nistp256").build()),
        "no keyval.public");
  }

  private static boolean refusedOrFalse(Verifier verifier, byte[] data, byte[] signature)
      throws Exception {
    try {
      return verifier.verify(data, signature);
    } catch (SignatureException notOfTheKeysForm) {
      return false; // sigstore-java's Updater counts it as not made, as a false
    }
  }

  private static Key key(String type, String scheme, String value) {
    return ImmutableKey.builder().keyType(type).scheme(scheme).putKeyVal("public", value).build();
  }

  private static String pem(byte[] spki) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki)
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static byte[] sign(String algorithm, KeyPair keys, byte[] data) throws Exception {
    java.security.Signature signer = java.security.Signature.getInstance(algorithm);
    signer.initSign(keys.getPrivate());
    signer.update(data);
    return signer.sign();
  }

  private static KeyPair otherKeys(String algorithm) throws Exception {
    return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
  }
}
