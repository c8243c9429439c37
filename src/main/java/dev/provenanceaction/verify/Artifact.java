package dev.provenanceaction.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file to verify, by its name and SHA-256.
 *
 * @param name how the user named it
 * @param sha256 its lower-case hex SHA-256
 */
public record Artifact(String name, String sha256) {
  /** Hashes the file as a stream, so a wheel of any size needs no more memory than a buffer. */
  public static Artifact hash(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    }
    return new Artifact(file.toString(), HexFormat.of().formatHex(digest.digest()));
  }
}
