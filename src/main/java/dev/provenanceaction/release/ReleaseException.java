package dev.provenanceaction.release;

/**
 * Publishing failed. The message says what failed, what to do, and in which state the release was
 * left; it never holds the token.
 */
public class ReleaseException extends Exception {
  private final String title;

  public ReleaseException(String title, String message) {
    super(message);
    this.title = title;
  }

  public ReleaseException(String title, String message, Throwable cause) {
    super(message, cause);
    this.title = title;
  }

  /** A short title for an {@code ::error title=...::} annotation. */
  public String title() {
    return title;
  }
}
