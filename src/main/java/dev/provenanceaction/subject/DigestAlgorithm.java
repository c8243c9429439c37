package dev.provenanceaction.subject;

import java.util.Locale;
import java.util.Optional;

/** The digest algorithms a subject may carry, named as in-toto names them. */
public enum DigestAlgorithm {
  SHA256("sha256", "SHA-256", 64),
  SHA512("sha512", "SHA-512", 128);

  private final String inTotoName;
  private final String jcaName;
  private final int hexLength;

  DigestAlgorithm(String inTotoName, String jcaName, int hexLength) {
    this.inTotoName = inTotoName;
    this.jcaName = jcaName;
    this.hexLength = hexLength;
  }

  /** The key in an in-toto digest set: {@code sha256} or {@code sha512}. */
  public String inTotoName() {
    return inTotoName;
  }

  /** The name {@link java.security.MessageDigest#getInstance(String)} takes. */
  public String jcaName() {
    return jcaName;
  }

  public int hexLength() {
    return hexLength;
  }

  public static Optional<DigestAlgorithm> forName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (DigestAlgorithm algorithm : values()) {
      if (algorithm.inTotoName.equals(lower)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }
}
