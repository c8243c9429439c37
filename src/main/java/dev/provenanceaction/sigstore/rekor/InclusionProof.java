package dev.provenanceaction.sigstore.rekor;

import java.util.List;

/**
 * An RFC 6962 inclusion proof for a log entry, with the signed checkpoint of that tree.
 *
 * @param logIndex the entry's index in its shard (the entry's own logIndex is global)
 * @param rootHash the tree root the proof leads to
 * @param treeSize the size of that tree
 * @param hashes the audit path, leaf to root
 * @param checkpoint the signed note, verbatim
 */
public record InclusionProof(
    long logIndex, byte[] rootHash, long treeSize, List<byte[]> hashes, String checkpoint) {
  public InclusionProof {
    hashes = List.copyOf(hashes);
  }
}
