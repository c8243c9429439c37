package dev.provenanceaction.sigstore;

import dev.provenanceaction.sigstore.tuf.TufMirror;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which Sigstore to sign with: the public-good or staging instance (trust root through TUF), the
 * in-process ephemeral one, or a custom instance described by a directory.
 *
 * @param kind which of the four
 * @param directory for {@link Kind#CUSTOM}: holds {@code trusted_root.json}, {@code
 *     signing_config.json} and optionally {@code tls-ca.pem}
 * @param mirror for {@link Kind#PUBLIC_GOOD} and {@link Kind#STAGING}: the TUF repository that
 *     publishes its trust root
 */
public record InstanceChoice(Kind kind, Path directory, TufMirror mirror) {
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

  public InstanceChoice {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.CUSTOM) != (directory != null)) {
      throw new IllegalArgumentException("a directory goes with a custom instance, and only there");
    }
    if ((kind == Kind.PUBLIC_GOOD || kind == Kind.STAGING) != (mirror != null)) {
      throw new IllegalArgumentException("a TUF mirror goes with public-good and staging only");
    }
  }

  /** Public-good, its trust root from this TUF repository. */
  public static InstanceChoice publicGood(TufMirror mirror) {
    return new InstanceChoice(Kind.PUBLIC_GOOD, null, mirror);
  }

  /** Staging, its trust root from this TUF repository. */
  public static InstanceChoice staging(TufMirror mirror) {
    return new InstanceChoice(Kind.STAGING, null, mirror);
  }

  public static InstanceChoice ephemeral() {
    return new InstanceChoice(Kind.EPHEMERAL, null, null);
  }

  /** A custom instance: {@code directory} holds its files. */
  public static InstanceChoice custom(Path directory) {
    return new InstanceChoice(Kind.CUSTOM, directory, null);
  }

  public boolean isEphemeral() {
    return kind == Kind.EPHEMERAL;
  }

  /**
   * Public-good or staging: Sigstore's shared instances, whose trust root comes from a TUF
   * repository, so that making one needs the network. The ephemeral and custom ones are made from
   * what the run has.
   */
  public boolean isBehindTuf() {
    return mirror != null;
  }
}
