package dev.provenanceaction.verify;

/**
 * Why something did not verify.
 *
 * @param check the name of the check that failed: a {@link Check}, a {@link PolicyCheck}, or {@code
 *     TRUSTED_ROOT} when there was no trusted root to check against
 * @param message what was expected and what was found
 */
public record Failure(String check, String message) {
  static Failure of(VerificationException e) {
    return new Failure(e.check().name(), e.getMessage());
  }

  public static Failure of(PolicyException e) {
    return new Failure(e.check().name(), e.getMessage());
  }
}
