package dev.provenanceaction.sigstore.bundle;

/** A Sigstore bundle is not one this project can read; the message names the field. */
public class BundleFormatException extends Exception {
  public BundleFormatException(String message) {
    super(message);
  }

  public BundleFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
