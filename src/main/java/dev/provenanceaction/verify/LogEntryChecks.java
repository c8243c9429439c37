package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.rekor.InclusionProof;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.sigstore.merkle.InclusionProofVerificationException;
import dev.sigstore.merkle.InclusionProofVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Checks a Rekor entry on its own: its promise (v1 only), the tree head and its proof. */
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
   * The trusted log that holds an entry without a SET (Rekor v2's, or a Rekor v1 entry kept with
   * its proof alone): its key must sign the checkpoint.
   */
  Log logOfCheckpoint(LogEntry entry) throws VerificationException {
    if (root.transparencyLog(entry.logId()).isEmpty()) {
      // Roots name a Rekor v2 log by its checkpoint key hash, as its bundles do, or by the SHA-256
      // of its SPKI as for any other key (sigstore-python's staging configuration does).
      for (Log log : root.transparencyLogs()) {
        String host = log.baseUrl().getHost();
        if (host != null
            && Arrays.equals(CheckpointCheck.keyHash(host, log.publicKey(), true), entry.logId())) {
          return log;
        }
      }
    }
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

  /**
   * Whether a Rekor v2 log made the entry: its kinds are {@code hashedrekord} and {@code dsse}
   * 0.0.2, which Rekor v1 does not have. A missing SET does not tell: a bundle v0.2 or later may
   * keep a Rekor v1 entry's inclusion proof alone.
   */
  static boolean isRekorV2(LogEntry entry) {
    return (entry.kind().equals(HashedRekordBodyCheck.KIND)
            && entry.version().equals(HashedRekordBodyCheck.VERSION_V2))
        || (entry.kind().equals(RekorV2DsseBodyCheck.KIND)
            && entry.version().equals(RekorV2DsseBodyCheck.VERSION));
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

  /**
   * The entry's proof must lead from its body's leaf hash to the tree of the verified checkpoint:
   * the proof's own root hash and tree size are the log's word only once the checkpoint says so.
   */
  void checkInclusionProof(LogEntry entry, Log log) throws VerificationException {
    InclusionProof proof = entry.inclusionProof();
    if (proof == null) {
      throw new VerificationException(
          Check.INCLUSION_PROOF, "expected an inclusion proof, found none");
    }
    SignedNote checkpoint = CheckpointCheck.check(proof, log, isRekorV2(entry));
    if (proof.treeSize() != checkpoint.treeSize()
        || !Arrays.equals(proof.rootHash(), checkpoint.rootHash())) {
      throw new VerificationException(
          Check.INCLUSION_PROOF,
          "expected the proof's tree to be the checkpoint's, size "
              + checkpoint.treeSize()
              + " root "
              + HexFormat.of().formatHex(checkpoint.rootHash())
              + ", found size "
              + proof.treeSize()
              + " root "
              + HexFormat.of().formatHex(proof.rootHash()));
    }
    if (proof.logIndex() < 0 || proof.logIndex() >= checkpoint.treeSize()) {
      throw new VerificationException(
          Check.INCLUSION_PROOF,
          "expected a leaf index below the tree size "
              + checkpoint.treeSize()
              + ", found "
              + proof.logIndex());
    }
    byte[] leafHash = Digests.sha256(new byte[] {0}, entry.canonicalizedBody());
    try {
      InclusionProofVerifier.verify(
          leafHash, proof.logIndex(), checkpoint.treeSize(), proof.hashes(), checkpoint.rootHash());
    } catch (InclusionProofVerificationException e) {
      throw new VerificationException(
          Check.INCLUSION_PROOF,
          "expected the audit path to lead from the body's leaf hash to the checkpoint's root "
              + HexFormat.of().formatHex(checkpoint.rootHash())
              + ", found: "
              + e.getMessage().replace('\n', ' '),
          e);
    }
  }
}
