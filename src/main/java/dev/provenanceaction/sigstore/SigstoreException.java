package dev.provenanceaction.sigstore;

/** A Sigstore service (OIDC, Fulcio, Rekor) failed or answered something unusable. */
public class SigstoreException extends Exception {
  private final String service;

  public SigstoreException(String service, String message) {
    super(service + ": " + message);
    this.service = service;
  }

  public SigstoreException(String service, String message, Throwable cause) {
    super(service + ": " + message, cause);
    this.service = service;
  }

  /** The service that failed: {@code OIDC}, {@code Fulcio} or {@code Rekor}. */
  public String service() {
    return service;
  }
}
