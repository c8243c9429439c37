package dev.provenanceaction.sigstore.rekor;

import dev.provenanceaction.sigstore.ProtoJson;
import dev.provenanceaction.sigstore.ProtoJsonException;

/**
 * Reads a {@code dev.sigstore.rekor.v1.TransparencyLogEntry} in protobuf JSON: a bundle's {@code
 * tlogEntries[]} element, and Rekor v2's answer to a new entry, which is the same message.
 */
public final class TransparencyLogEntryJson {
  private TransparencyLogEntryJson() {}

  /**
   * @throws ProtoJsonException naming the missing or invalid field
   */
  public static LogEntry read(ProtoJson entry) throws ProtoJsonException {
    ProtoJson kindVersion = entry.object("kindVersion");
    byte[] signedEntryTimestamp =
        entry.has("inclusionPromise")
            ? entry.object("inclusionPromise").bytes("signedEntryTimestamp")
            : null;
    return new LogEntry(
        entry.int64("logIndex"),
        entry.object("logId").bytes("keyId"),
        kindVersion.string("kind"),
        kindVersion.string("version"),
        // Rekor v2 entries have no integrated time; a timestamp authority's time stands in.
        entry.has("integratedTime") ? entry.int64("integratedTime") : 0,
        signedEntryTimestamp,
        entry.has("inclusionProof") ? readInclusionProof(entry.object("inclusionProof")) : null,
        entry.bytes("canonicalizedBody"));
  }

  private static InclusionProof readInclusionProof(ProtoJson proof) throws ProtoJsonException {
    String checkpoint =
        proof.has("checkpoint") ? proof.object("checkpoint").string("envelope") : null;
    return new InclusionProof(
        proof.int64("logIndex"),
        proof.bytes("rootHash"),
        proof.int64("treeSize"),
        proof.bytesList("hashes"),
        checkpoint);
  }
}
