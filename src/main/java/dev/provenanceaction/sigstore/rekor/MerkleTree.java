package dev.provenanceaction.sigstore.rekor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6962 append-only Merkle tree over SHA-256, as Rekor v1 keeps its log. It remembers the
 * hash of every complete (power-of-two, aligned) subtree, so roots and inclusion proofs for any
 * earlier tree size cost O(log n) hashes. Not thread-safe: its owner serialises access.
 */
public final class MerkleTree {
  /** {@code levels.get(h).get(i)} hashes leaves {@code [i * 2^h, (i + 1) * 2^h)}. */
  private final List<List<byte[]>> levels = new ArrayList<>();

  public MerkleTree() {
    levels.add(new ArrayList<>());
  }

  /** {@code SHA-256(0x00 || data)}. */
  public static byte[] leafHash(byte[] data) {
    MessageDigest sha256 = sha256();
    sha256.update((byte) 0x00);
    return sha256.digest(data);
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha256 = sha256();
    sha256.update((byte) 0x01);
    sha256.update(left);
    return sha256.digest(right);
  }

  public long size() {
    return levels.get(0).size();
  }

  /**
   * Appends a leaf.
   *
   * @param data the leaf's content (hashed here as a leaf)
   * @return the leaf's index
   */
  public long append(byte[] data) {
    List<byte[]> leaves = levels.get(0);
    leaves.add(leafHash(data));
    int index = leaves.size() - 1;
    for (int height = 0; index % 2 == 1; height++, index /= 2) {
      List<byte[]> level = levels.get(height);
      byte[] parent = nodeHash(level.get(index - 1), level.get(index));
      if (levels.size() == height + 1) {
        levels.add(new ArrayList<>());
      }
      levels.get(height + 1).add(parent);
    }
    return leaves.size() - 1L;
  }

  /** The root of the tree holding the first {@code size} leaves (the empty tree hashes ""). */
  public byte[] root(long size) {
    checkSize(size);
    return size == 0 ? sha256().digest() : subtreeHash(0, (int) size);
  }

  /**
   * The audit path from leaf {@code index} to {@link #root(long) root(size)}, leaf side first (RFC
   * 6962 section 2.1.1).
   */
  public List<byte[]> inclusionProof(long index, long size) {
    checkSize(size);
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
    }
    List<byte[]> path = new ArrayList<>();
    appendPath((int) index, 0, (int) size, path);
    return path;
  }

  // Path to leaf m within the n leaves from start: the deeper path, then this level's sibling.
  private void appendPath(int m, int start, int n, List<byte[]> path) {
    if (n == 1) {
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      appendPath(m, start, k, path);
      path.add(subtreeHash(start + k, n - k));
    } else {
      appendPath(m - k, start + k, n - k, path);
      path.add(subtreeHash(start, k));
    }
  }

  // In RFC 6962's split every power-of-two subtree starts at a multiple of its size, so it is
  // one of the remembered complete subtrees.
  private byte[] subtreeHash(int start, int n) {
    if (Integer.bitCount(n) == 1) {
      return levels.get(Integer.numberOfTrailingZeros(n)).get(start / n);
    }
    int k = largestPowerOfTwoBelow(n);
    return nodeHash(subtreeHash(start, k), subtreeHash(start + k, n - k));
  }

  private static int largestPowerOfTwoBelow(int n) {
    return Integer.highestOneBit(n - 1);
  }

  private void checkSize(long size) {
    if (size < 0 || size > size()) {
      throw new IllegalArgumentException(
          "tree size " + size + " is outside 0.." + size() + " (the current size)");
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
