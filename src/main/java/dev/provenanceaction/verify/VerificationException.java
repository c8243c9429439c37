package dev.provenanceaction.verify;

/** A bundle failed verification; {@link #check()} names the check that failed. */
public class VerificationException extends Exception {
  private final Check check;

  public VerificationException(Check check, String message) {
    super(check + ": " + message);
    this.check = check;
  }

  public VerificationException(Check check, String message, Throwable cause) {
    super(check + ": " + message, cause);
    this.check = check;
  }

  public Check check() {
    return check;
  }
}
