package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.rekor.InclusionProof;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.provenanceaction.verify.SignedNote.NoteSignature;
import dev.sigstore.merkle.InclusionProofVerificationException;
import dev.sigstore.merkle.InclusionProofVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Checks a Rekor entry on its own: its promise (v1 only), its proof and the tree head. */
final class LogEntryChecks {
  private final TrustedRoot root;

  LogEntryChecks(TrustedRoot root) {
    this.root = root;
  }

  /**
   * The trusted log that signed the entry's SET (Rekor v1); its key also signs the checkpoint.
   *
   * @param entry an entry with a SET
   */
  Log checkSignedEntryTimestamp(LogEntry entry) throws VerificationException {
    Log log = trustedLog(entry, Check.SET);
    if (!log.verifies(signedEntryTimestampPayload(entry), entry.signedEntryTimestamp())) {
      throw new VerificationException(
          Check.SET,
          "expected the log "
              + log.baseUrl()
              + " to have signed logIndex "
              + entry.logIndex()
              + " at integratedTime "
              + entry.integratedTime()
              + ", found a signature that does not verify");
    }
    Instant integratedTime = Instant.ofEpochSecond(entry.integratedTime());
    if (!log.validFor().contains(integratedTime)) {
      throw new VerificationException(
          Check.SET,
          "expected the integrated time "
              + integratedTime
              + " within the log key's validity "
              + log.validFor()
              + ", found it outside");
    }
    return log;
  }

  /**
   * The trusted log that holds an entry without a SET (Rekor v2): its key must sign the checkpoint.
   */
  Log logOfCheckpoint(LogEntry entry) throws VerificationException {
    return trustedLog(entry, Check.CHECKPOINT);
  }

  private Log trustedLog(LogEntry entry, Check check) throws VerificationException {
    return root.transparencyLog(entry.logId())
        .orElseThrow(
            () ->
                new VerificationException(
                    check,
                    "expected a logId of a trusted transparency log, found "
                        + Base64.getEncoder().encodeToString(entry.logId())
                        + root.unusableLog(entry.logId())
                            .map(unusable -> ": " + unusable.describe())
                            .orElse("")));
  }

  /** What Rekor v1 signs for a SET: canonical JSON, keys sorted, no spaces. */
  static byte[] signedEntryTimestampPayload(LogEntry entry) {
    return ("{\"body\":\""
            + Base64.getEncoder().encodeToString(entry.canonicalizedBody())
            + "\",\"integratedTime\":"
            + entry.integratedTime()
            + ",\"logID\":\""
            + HexFormat.of().formatHex(entry.logId())
            + "\",\"logIndex\":"
            + entry.logIndex()
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  void checkInclusionProof(LogEntry entry) throws VerificationException {
    InclusionProof proof = entry.inclusionProof();
    if (proof == null) {
      throw new VerificationException(
          Check.INCLUSION_PROOF, "expected an inclusion proof, found none");
    }
    if (proof.logIndex() < 0 || proof.logIndex() >= proof.treeSize()) {
      throw new VerificationException(
          Check.INCLUSION_PROOF,
          "expected a leaf index below the tree size "
              + proof.treeSize()
              + ", found "
              + proof.logIndex());
    }
    byte[] leafHash = Digests.sha256(new byte[] {0}, entry.canonicalizedBody());
    try {
      InclusionProofVerifier.verify(
          leafHash, proof.logIndex(), proof.treeSize(), proof.hashes(), proof.rootHash());
    } catch (InclusionProofVerificationException e) {
      throw new VerificationException(
          Check.INCLUSION_PROOF,
          "expected the audit path to lead from the body's leaf hash to root "
              + HexFormat.of().formatHex(proof.rootHash())
              + ", found: "
              + e.getMessage().replace('\n', ' '),
          e);
    }
  }

  /** The checkpoint must be signed by the log's key and name the proof's tree. */
  void checkCheckpoint(LogEntry entry, Log log) throws VerificationException {
    InclusionProof proof = entry.inclusionProof();
    if (proof.checkpoint() == null) {
      throw new VerificationException(Check.CHECKPOINT, "expected a checkpoint, found none");
    }
    SignedNote note;
    try {
      note = SignedNote.parse(proof.checkpoint());
    } catch (IllegalArgumentException e) {
      throw new VerificationException(
          Check.CHECKPOINT, "expected a signed note, found one with " + e.getMessage(), e);
    }
    // The trusted root's log id is the checkpoint key's id: SHA-256 of the DER key for Rekor v1,
    // the signed-note key id for Rekor v2. Its first four bytes are the note's key hint.
    byte[] keyHint = Arrays.copyOf(log.logId(), 4);
    NoteSignature signature =
        note.signatures().stream()
            .filter(candidate -> Arrays.equals(candidate.keyHint(), keyHint))
            .findFirst()
            .orElseThrow(
                () ->
                    new VerificationException(
                        Check.CHECKPOINT,
                        "expected a signature with key hint "
                            + HexFormat.of().formatHex(keyHint)
                            + ", found none among "
                            + note.signatures().size()));
    if (!log.verifies(note.signedBytes(), signature.signature())) {
      throw new VerificationException(
          Check.CHECKPOINT,
          "expected the log " + log.baseUrl() + " to have signed the checkpoint, it did not");
    }
    if (note.treeSize() != proof.treeSize()) {
      throw new VerificationException(
          Check.CHECKPOINT,
          "expected tree size " + proof.treeSize() + ", found " + note.treeSize());
    }
    if (!Arrays.equals(note.rootHash(), proof.rootHash())) {
      throw new VerificationException(
          Check.CHECKPOINT,
          "expected root hash "
              + HexFormat.of().formatHex(proof.rootHash())
              + ", found "
              + HexFormat.of().formatHex(note.rootHash()));
    }
  }
}
