package dev.provenanceaction.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A checkpoint as a signed note (golang.org/x/mod/sumdb/note): the text, a blank line, then one
 * line {@code "— <name> <base64(4-byte key hint || signature)>"} per signer.
 *
 * @param text the signed text, through the newline before the blank line
 * @param origin the log's origin line
 * @param treeSize the tree size line
 * @param rootHash the root hash line, decoded
 * @param signatures the signature lines
 */
record SignedNote(
    String text, String origin, long treeSize, byte[] rootHash, List<NoteSignature> signatures) {

  /**
   * One signer's line.
   *
   * @param name the signer's name, Rekor's host
   * @param keyHint first 4 bytes of SHA-256 of the signer's key
   * @param signature the signature over {@link SignedNote#text()}
   */
  record NoteSignature(String name, byte[] keyHint, byte[] signature) {}

  private static final String SIGNATURE_PREFIX = "\u2014 ";

  static SignedNote parse(String note) {
    int blank = note.indexOf("\n\n");
    if (blank < 0) {
      throw new IllegalArgumentException("no blank line between text and signatures");
    }
    String text = note.substring(0, blank + 1);
    String[] lines = text.split("\n");
    if (lines.length < 3) {
      throw new IllegalArgumentException("expected origin, size and root hash lines");
    }
    long treeSize;
    byte[] rootHash;
    try {
      treeSize = Long.parseLong(lines[1]);
      rootHash = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unreadable size or root hash: " + e.getMessage(), e);
    }
    List<NoteSignature> signatures = new ArrayList<>();
    for (String line : note.substring(blank + 2).split("\n")) {
      signatures.add(parseSignature(line));
    }
    return new SignedNote(text, lines[0], treeSize, rootHash, signatures);
  }

  private static NoteSignature parseSignature(String line) {
    int space = line.lastIndexOf(' ');
    if (!line.startsWith(SIGNATURE_PREFIX) || space <= SIGNATURE_PREFIX.length()) {
      throw new IllegalArgumentException("malformed signature line \"" + line + "\"");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(line.substring(space + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signature line is not base64: " + e.getMessage(), e);
    }
    if (decoded.length <= 4) {
      throw new IllegalArgumentException("signature line is too short");
    }
    return new NoteSignature(
        line.substring(SIGNATURE_PREFIX.length(), space),
        Arrays.copyOf(decoded, 4),
        Arrays.copyOfRange(decoded, 4, decoded.length));
  }

  byte[] signedBytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
