package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.InclusionProof;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Copies of a bundle with one part changed, for tests that must see the right check fail. */
final class BundleMutations {
  private BundleMutations() {}

  static SigstoreBundle flipSignature(SigstoreBundle bundle) {
    DsseEnvelope envelope = bundle.envelope();
    return withEnvelope(
        bundle,
        new DsseEnvelope(
            envelope.payload(), envelope.payloadType(), flipLast(envelope.signature())));
  }

  static SigstoreBundle flipPayload(SigstoreBundle bundle) {
    DsseEnvelope envelope = bundle.envelope();
    return withEnvelope(
        bundle,
        new DsseEnvelope(
            flip(envelope.payload(), 40), envelope.payloadType(), envelope.signature()));
  }

  /** Flips the last byte of the DER, inside the issuer's signature, so it still parses. */
  static SigstoreBundle flipCertificate(SigstoreBundle bundle) {
    try {
      byte[] der = flipLast(bundle.certificate().getEncoded());
      X509Certificate changed =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      return new SigstoreBundle(
          changed,
          bundle.logEntry(),
          bundle.envelope(),
          bundle.rfc3161Timestamps(),
          bundle.mediaType());
    } catch (CertificateException e) {
      throw new AssertionError(e);
    }
  }

  static SigstoreBundle flipSignedEntryTimestamp(SigstoreBundle bundle) {
    LogEntry entry = bundle.logEntry();
    return withEntry(
        bundle, withTime(entry, entry.integratedTime(), flipLast(entry.signedEntryTimestamp())));
  }

  /** Flips a byte of the last audit-path hash (the one nearest the root). */
  static SigstoreBundle flipProofHash(SigstoreBundle bundle) {
    InclusionProof proof = bundle.logEntry().inclusionProof();
    List<byte[]> hashes = new ArrayList<>(proof.hashes());
    int last = hashes.size() - 1;
    hashes.set(last, flip(hashes.get(last), 7));
    return withEntry(
        bundle,
        withProof(
            bundle.logEntry(),
            new InclusionProof(
                proof.logIndex(), proof.rootHash(), proof.treeSize(), hashes, proof.checkpoint())));
  }

  /** Changes a character of the checkpoint's signature line. */
  static SigstoreBundle flipCheckpointSignature(SigstoreBundle bundle) {
    InclusionProof proof = bundle.logEntry().inclusionProof();
    char[] note = proof.checkpoint().toCharArray();
    int index = note.length - 10;
    note[index] = note[index] == 'A' ? 'B' : 'A';
    return withEntry(bundle, withProof(bundle.logEntry(), withCheckpoint(proof, new String(note))));
  }

  static SigstoreBundle withEnvelope(SigstoreBundle bundle, DsseEnvelope envelope) {
    return new SigstoreBundle(
        bundle.certificate(),
        bundle.logEntry(),
        envelope,
        bundle.rfc3161Timestamps(),
        bundle.mediaType());
  }

  static SigstoreBundle withEntry(SigstoreBundle bundle, LogEntry entry) {
    return new SigstoreBundle(
        bundle.certificate(),
        entry,
        bundle.envelope(),
        bundle.rfc3161Timestamps(),
        bundle.mediaType());
  }

  static LogEntry withProof(LogEntry entry, InclusionProof proof) {
    return new LogEntry(
        entry.logIndex(),
        entry.logId(),
        entry.kind(),
        entry.version(),
        entry.integratedTime(),
        entry.signedEntryTimestamp(),
        proof,
        entry.canonicalizedBody());
  }

  /** The entry with another integrated time and signed entry timestamp, which covers the time. */
  static LogEntry withTime(LogEntry entry, long integratedTime, byte[] signedEntryTimestamp) {
    return new LogEntry(
        entry.logIndex(),
        entry.logId(),
        entry.kind(),
        entry.version(),
        integratedTime,
        signedEntryTimestamp,
        entry.inclusionProof(),
        entry.canonicalizedBody());
  }

  static InclusionProof withCheckpoint(InclusionProof proof, String checkpoint) {
    return new InclusionProof(
        proof.logIndex(), proof.rootHash(), proof.treeSize(), proof.hashes(), checkpoint);
  }

  static byte[] flipLast(byte[] bytes) {
    return flip(bytes, bytes.length - 1);
  }

  static byte[] flip(byte[] bytes, int index) {
    byte[] copy = Arrays.copyOf(bytes, bytes.length);
    copy[index] ^= 0x01;
    return copy;
  }
}
