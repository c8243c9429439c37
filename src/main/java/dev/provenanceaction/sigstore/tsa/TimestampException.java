package dev.provenanceaction.sigstore.tsa;

/** An RFC 3161 answer or token that is malformed, or not signed as it says. */
public final class TimestampException extends Exception {
  private static final long serialVersionUID = 1L;

  public TimestampException(String message) {
    super(message);
  }
}
