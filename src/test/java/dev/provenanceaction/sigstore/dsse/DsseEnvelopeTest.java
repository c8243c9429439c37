package dev.provenanceaction.sigstore.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.Ecdsa;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DsseEnvelopeTest {
  private static final KeyPair KEY = Ecdsa.generateP256();
  private static final byte[] STATEMENT =
      "{\"subject\":[{\"name\":\"caf\u00e9.whl\"}]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsWhatSha256WithEcdsaVerifiesOverThePae() throws Exception {
    DsseEnvelope envelope =
        DsseEnvelope.sign(
            STATEMENT,
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
            digest -> Ecdsa.signSha256(KEY.getPrivate(), digest));
    // The JDK's own SHA256withECDSA, over the PAE's bytes: the signature over the digest is the
    // signature over the data.
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(KEY.getPublic());
    verifier.update(envelope.pae());
    assertTrue(verifier.verify(envelope.signature()));
    assertArrayEquals(sha256(envelope.pae()), envelope.paeSha256());

    verifier.initVerify(KEY.getPublic());
    verifier.update(new DsseEnvelope(STATEMENT, "text/plain", envelope.signature()).pae());
    assertFalse(verifier.verify(envelope.signature()));
  }

  @Test
  void thePaeCountsBytesAndItsDigestIsItsOwn() throws Exception {
    DsseEnvelope envelope = new DsseEnvelope(STATEMENT, "t", new byte[] {1});
    // 34 bytes, 33 characters: the length counts bytes.
    assertEquals(
        "DSSEv1 1 t 34 " + new String(STATEMENT, StandardCharsets.UTF_8),
        new String(envelope.pae(), StandardCharsets.UTF_8));
    assertArrayEquals(sha256(envelope.pae()), envelope.paeSha256());
    assertSame(envelope.paeSha256(), envelope.paeSha256());
  }

  @Test
  void thePayloadsBase64IsStandardAndPadded() {
    for (int length = 0; length < 5; length++) {
      byte[] payload = new byte[length];
      for (int i = 0; i < length; i++) {
        payload[i] = (byte) (0xfb + i);
      }
      DsseEnvelope envelope = new DsseEnvelope(payload, "t", new byte[] {1});
      assertEquals(
          Base64.getEncoder().encodeToString(payload),
          new String(envelope.payloadBase64(), StandardCharsets.US_ASCII));
      assertSame(envelope.payloadBase64(), envelope.payloadBase64());
    }
  }

  @Test
  void signsOnlyASha256Digest() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Ecdsa.signSha256(KEY.getPrivate(), new byte[48]));
    assertEquals("a SHA-256 digest has 32 bytes, not 48", e.getMessage());
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
