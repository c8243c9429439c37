package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.provenanceaction.sigstore.Ecdsa;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Signed-note key ids, computed as rekor-tiles and Rekor v1 do for each key type. */
class CheckpointCheckTest {
  private static final String STAGING_LOG = "log2025-alpha1.rekor.sigstage.dev";

  @Test
  void ed25519KeyIdOfTheStagingLogIsItsLogIdsPrefix() throws Exception {
    PublicKey key =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(
                new X509EncodedKeySpec(
                    Base64.getDecoder()
                        .decode("MCowBQYDK2VwAyEAPn+AREHoBaZ7wgS1zBqpxmLSGnyhxXj4lFxSdWVB8o8=")));

    // The staging root's logId for this log, and the hint of its checkpoints' signature lines.
    assertEquals(
        "8w1amZ2S5mJIQkQmPxdMuOrL/oJkvFg9MnQXmeOCXck=",
        Base64.getEncoder().encodeToString(CheckpointCheck.keyHash(STAGING_LOG, key, true)));
    assertEquals(
        "f30d5a99", HexFormat.of().formatHex(CheckpointCheck.keyId(STAGING_LOG, key, true)));
  }

  @Test
  void ecdsaKeyIdIsTheSpkiDigestWhateverTheName() {
    PublicKey key = Ecdsa.generateP256().getPublic();

    assertEquals(
        HexFormat.of().formatHex(Arrays.copyOf(Digests.sha256(key.getEncoded()), 4)),
        HexFormat.of().formatHex(CheckpointCheck.keyId("any.name", key, true)));
  }

  @Test
  void rsaKeyIdOfARekorV2LogHasRekorTilesSignatureType() throws Exception {
    PublicKey key = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
    byte[] typed =
        Digests.sha256(
            "log.example\n".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xFF},
            "PKIX-RSA-PKCS#1v1.5".getBytes(StandardCharsets.US_ASCII),
            key.getEncoded());

    assertEquals(
        HexFormat.of().formatHex(typed),
        HexFormat.of().formatHex(CheckpointCheck.keyHash("log.example", key, true)));
  }

  @Test
  void rekorV1KeyIdIsTheSpkiDigestForEveryKey() throws Exception {
    PublicKey key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();

    assertEquals(
        HexFormat.of().formatHex(Digests.sha256(key.getEncoded())),
        HexFormat.of().formatHex(CheckpointCheck.keyHash("rekor.example", key, false)));
  }
}
