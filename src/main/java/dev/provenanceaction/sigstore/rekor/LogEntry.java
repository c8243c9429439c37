package dev.provenanceaction.sigstore.rekor;

/**
 * A transparency log entry as it goes into a bundle's {@code tlogEntries}.
 *
 * @param logIndex the global index
 * @param logId SHA-256 of the log's public key (DER)
 * @param kind the entry kind, {@code dsse} here
 * @param version the kind's version, {@code 0.0.1}
 * @param integratedTime seconds since the epoch when the log took the entry
 * @param signedEntryTimestamp the log's signature over the canonical entry (the SET)
 * @param inclusionProof the proof and checkpoint
 * @param canonicalizedBody the entry body exactly as the log hashed it
 */
public record LogEntry(
    long logIndex,
    byte[] logId,
    String kind,
    String version,
    long integratedTime,
    byte[] signedEntryTimestamp,
    InclusionProof inclusionProof,
    byte[] canonicalizedBody) {}
