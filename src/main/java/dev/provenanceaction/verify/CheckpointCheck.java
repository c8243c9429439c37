package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.rekor.InclusionProof;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.provenanceaction.verify.SignedNote.NoteSignature;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The checkpoint an inclusion proof leads to: a C2SP signed note which the log's key signed, whose
 * origin names the log (Rekor v2). Its tree size and root hash, not the proof's own, are what the
 * proof must reach. Other signers' lines (witness cosignatures) are ignored, as {@code note.Open}
 * does for keys it does not know.
 */
final class CheckpointCheck {
  /** C2SP signed-note signature type of an Ed25519 key. */
  private static final byte ED25519_TYPE = 0x01;

  /** rekor-tiles' signature type for RSA keys, which C2SP leaves undefined. */
  private static final byte[] RSA_TYPE = rsaType();

  /** An Ed25519 SubjectPublicKeyInfo is this prefix and the 32-byte key. */
  private static final int ED25519_SPKI_LENGTH = 44;

  private CheckpointCheck() {}

  /**
   * @param rekorV2 whether the entry is Rekor v2's ({@link LogEntryChecks#isRekorV2}): its origin
   *     and signer name must be the log's host
   * @return the verified checkpoint
   */
  static SignedNote check(InclusionProof proof, Log log, boolean rekorV2)
      throws VerificationException {
    if (proof.checkpoint() == null) {
      throw failure("a checkpoint, found none");
    }
    SignedNote note;
    try {
      note = SignedNote.parse(proof.checkpoint());
    } catch (IllegalArgumentException e) {
      throw new VerificationException(
          Check.CHECKPOINT, "expected a signed note, found one with " + e.getMessage(), e);
    }
    String name = log.baseUrl().getHost();
    if (name == null) {
      throw failure("the trusted root's log " + log.baseUrl() + " to have a host, it has none");
    }
    // A Rekor v2 log's name is part of its key id and must be its host. Rekor v1 names itself by
    // the server's hostname ("<hostname> - <tree id>"), a pod's name in a private deployment such
    // as sigstore-scaffolding's, and its key id is the SPKI's digest alone: its key is what counts.
    if (rekorV2 && !note.origin().equals(name)) {
      throw failure(
          "the origin \""
              + name
              + "\" of the log "
              + log.baseUrl()
              + ", found \""
              + note.origin()
              + "\"");
    }
    byte[] keyId = keyId(name, log.publicKey(), rekorV2);
    List<NoteSignature> logSignatures =
        note.signatures().stream()
            .filter(line -> !rekorV2 || line.name().equals(name))
            .filter(line -> Arrays.equals(line.keyHint(), keyId))
            .toList();
    if (logSignatures.isEmpty()) {
      throw failure(
          "a signature by "
              + name
              + " with key id "
              + HexFormat.of().formatHex(keyId)
              + ", found none among "
              + note.signatures().stream()
                  .map(line -> line.name() + " " + HexFormat.of().formatHex(line.keyHint()))
                  .toList());
    }
    for (NoteSignature signature : logSignatures) {
      if (!log.verifies(note.signedBytes(), signature.signature())) {
        throw failure(
            "the log "
                + log.baseUrl()
                + " to have signed the checkpoint, found a signature"
                + " by its key id that does not verify");
      }
    }
    return note;
  }

  /**
   * The signed-note key id: the first four bytes of {@link #keyHash}.
   *
   * @param name the signer's name, the log's host
   */
  static byte[] keyId(String name, PublicKey key, boolean rekorV2) {
    return Arrays.copyOf(keyHash(name, key, rekorV2), 4);
  }

  /**
   * As rekor-tiles computes it ({@code pkg/note}): for Ed25519 SHA-256 of the name, a newline, the
   * signature type 0x01 and the raw key, as C2SP specifies; for RSA the same with type 0xFF and
   * {@code "PKIX-RSA-PKCS#1v1.5"} before the SPKI DER; for ECDSA the SHA-256 of the SPKI DER, which
   * is also what Rekor v1 uses for every key. Rekor v2 bundles give it whole as their log id.
   */
  static byte[] keyHash(String name, PublicKey key, boolean rekorV2) {
    byte[] spki = key.getEncoded();
    byte[] prefix = (name + "\n").getBytes(StandardCharsets.UTF_8);
    if (!rekorV2 || key instanceof ECPublicKey) {
      return Digests.sha256(spki);
    }
    if (key instanceof EdECPublicKey && spki.length == ED25519_SPKI_LENGTH) {
      return Digests.sha256(
          prefix,
          new byte[] {ED25519_TYPE},
          Arrays.copyOfRange(spki, ED25519_SPKI_LENGTH - 32, ED25519_SPKI_LENGTH));
    }
    return Digests.sha256(prefix, RSA_TYPE, spki);
  }

  private static byte[] rsaType() {
    byte[] id = "PKIX-RSA-PKCS#1v1.5".getBytes(StandardCharsets.US_ASCII);
    byte[] type = new byte[1 + id.length];
    type[0] = (byte) 0xFF;
    System.arraycopy(id, 0, type, 1, id.length);
    return type;
  }

  private static VerificationException failure(String expectedAndFound) {
    return new VerificationException(Check.CHECKPOINT, "expected " + expectedAndFound);
  }
}
