package dev.provenanceaction.sigstore;

/** A Sigstore service (OIDC, Fulcio, Rekor) failed or answered something unusable. */
public class SigstoreException extends Exception {
  private final String service;
  private final String reason;

  public SigstoreException(String service, String message) {
    super(service + ": " + message);
    this.service = service;
    this.reason = message;
  }

  public SigstoreException(String service, String message, Throwable cause) {
    super(service + ": " + message, cause);
    this.service = service;
    this.reason = message;
  }

  /** The service that failed: {@code OIDC}, {@code Fulcio} or {@code Rekor}. */
  public String service() {
    return service;
  }

  /**
   * What went wrong, without the service's name in front: for a message that names the service its
   * own way.
   */
  public String reason() {
    return reason;
  }
}
