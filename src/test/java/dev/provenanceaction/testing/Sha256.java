package dev.provenanceaction.testing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 with the JDK, so the test servers and signers hash without the verifier's code. */
final class Sha256 {
  private Sha256() {}

  /** The SHA-256 of the parts, one after another. */
  static byte[] of(byte[]... parts) {
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
}
