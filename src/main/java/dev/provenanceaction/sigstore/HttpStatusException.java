package dev.provenanceaction.sigstore;

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

  /** 5xx, 408 Request Timeout and 429 Too Many Requests may succeed when asked again. */
  public boolean isTransient() {
    return status >= 500 || status == 408 || status == 429;
  }
}
