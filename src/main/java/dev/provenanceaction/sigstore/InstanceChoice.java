package dev.provenanceaction.sigstore;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which Sigstore to sign with: the public-good or staging instance (trust root through TUF), the
 * in-process ephemeral one, or a custom instance described by a directory.
 *
 * @param kind which of the four
 * @param directory for {@link Kind#CUSTOM}: holds {@code trusted_root.json}, {@code
 *     signing_config.json} and optionally {@code tls-ca.pem}
 */
public record InstanceChoice(Kind kind, Path directory) {
  /** The kinds of instance. */
  public enum Kind {
    PUBLIC_GOOD,
    STAGING,
    EPHEMERAL,
    CUSTOM
  }

  public static final String TRUSTED_ROOT_FILE = "trusted_root.json";
  public static final String SIGNING_CONFIG_FILE = "signing_config.json";
  public static final String TLS_CA_FILE = "tls-ca.pem";

  /**
   * Parses the {@code sigstore} input.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static InstanceChoice parse(String value) {
    switch (value) {
      case "public-good":
        return new InstanceChoice(Kind.PUBLIC_GOOD, null);
      case "staging":
        return new InstanceChoice(Kind.STAGING, null);
      case "ephemeral":
        return new InstanceChoice(Kind.EPHEMERAL, null);
      default:
        Path directory = Path.of(value);
        if (!Files.isDirectory(directory)) {
          throw new IllegalArgumentException(
              "sigstore must be public-good, staging, ephemeral or a directory holding "
                  + TRUSTED_ROOT_FILE
                  + " and "
                  + SIGNING_CONFIG_FILE
                  + "; '"
                  + value
                  + "' is none of these");
        }
        for (String file : new String[] {TRUSTED_ROOT_FILE, SIGNING_CONFIG_FILE}) {
          if (!Files.isRegularFile(directory.resolve(file))) {
            throw new IllegalArgumentException("sigstore directory " + value + " has no " + file);
          }
        }
        return new InstanceChoice(Kind.CUSTOM, directory);
    }
  }

  public boolean isEphemeral() {
    return kind == Kind.EPHEMERAL;
  }
}
