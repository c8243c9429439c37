package dev.provenanceaction.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 with the JDK, so that the test servers, signers and tests hash without the verifier's
 * code.
 */
public final class Sha256 {
  private Sha256() {}

  /** The SHA-256 of the parts, one after another. */
  public static byte[] of(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** As {@link #of}, in lower-case hex, as checksum files, TUF and Rekor spell a digest. */
  public static String hex(byte[]... parts) {
    return HexFormat.of().formatHex(of(parts));
  }
}
