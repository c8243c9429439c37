package dev.provenanceaction.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file to verify, by its name and SHA-256.
 *
 * @param name how the user named it
 * @param sha256 its lower-case hex SHA-256
 */
public record Artifact(String name, String sha256) {
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-fA-F]{64}");

  /**
   * An artifact known by its digest alone, such as a file on PyPI that is not downloaded.
   *
   * @param name what to call it in the report
   * @param digest {@code sha256:} and 64 hex digits, as {@code --digest} takes it
   * @throws ArgumentException if the digest is not in that form
   */
  static Artifact ofDigest(String name, String digest) throws ArgumentException {
    if (!SHA256.matcher(digest).matches()) {
      throw new ArgumentException("--digest takes sha256: and 64 hex digits, found " + digest);
    }
    return new Artifact(name, digest.substring("sha256:".length()).toLowerCase(Locale.ROOT));
  }

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
