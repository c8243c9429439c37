package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import org.junit.jupiter.api.Test;

/**
 * An envelope's signature is checked against its PAE's digest with a P-256 key, against its PAE
 * with any other: each key's own algorithm, whichever path.
 */
class SignaturesTest {
  private static final byte[] STATEMENT = "{\"_type\":\"x\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aP256SignatureOverThePaeVerifiesAndAnotherPayloadsDoesNot() throws Exception {
    KeyPair key = Ecdsa.generateP256();
    byte[] signature = sign("SHA256withECDSA", key.getPrivate());
    assertTrue(Signatures.verify(key.getPublic(), envelope(STATEMENT, signature)));
    assertFalse(Signatures.verify(key.getPublic(), envelope(new byte[] {'{', '}'}, signature)));
    assertFalse(
        Signatures.verify(Ecdsa.generateP256().getPublic(), envelope(STATEMENT, signature)));
  }

  @Test
  void aP384KeySignsTheWholePaeWithSha384() throws Exception {
    KeyPair key = Ecdsa.generateP384();
    assertTrue(
        Signatures.verify(
            key.getPublic(), envelope(STATEMENT, sign("SHA384withECDSA", key.getPrivate()))));
    // Not the SHA-256 digest that a P-256 key's check would use.
    assertFalse(
        Signatures.verify(
            key.getPublic(), envelope(STATEMENT, sign("SHA256withECDSA", key.getPrivate()))));
  }

  @Test
  void anRsaKeySignsThePaeWithSha256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair key = generator.generateKeyPair();
    assertTrue(
        Signatures.verify(
            key.getPublic(), envelope(STATEMENT, sign("SHA256withRSA", key.getPrivate()))));
    assertFalse(
        Signatures.verify(
            key.getPublic(),
            new DsseEnvelope(STATEMENT, "other", sign("SHA256withRSA", key.getPrivate()))));
  }

  private static DsseEnvelope envelope(byte[] payload, byte[] signature) {
    return new DsseEnvelope(payload, DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, signature);
  }

  private static byte[] sign(String algorithm, PrivateKey key) throws Exception {
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, STATEMENT));
    return signer.sign();
  }
}
