package dev.provenanceaction.sigstore;

import dev.provenanceaction.retry.TransientFailures;

/**
 * A service answered with an HTTP status the client did not expect. The message names the status
 * and, when given, a short detail from the body; it never holds request credentials.
 */
public class HttpStatusException extends Exception {
  private final int status;

  public HttpStatusException(int status, String detail) {
    super(detail == null || detail.isBlank() ? "HTTP " + status : "HTTP " + status + ": " + detail);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** Whether asking again may succeed, by the rule of {@link TransientFailures}. */
  public boolean isTransient() {
    return TransientFailures.isTransientStatus(status);
  }
}
