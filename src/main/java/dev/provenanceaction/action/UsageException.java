package dev.provenanceaction.action;

/** Bad input from the user: reported with a title and a message, before any network call. */
public class UsageException extends Exception {
  private final String title;

  public UsageException(String title, String message) {
    super(message);
    this.title = title;
  }

  /** A short title for the {@code ::error title=...::} annotation. */
  public String title() {
    return title;
  }
}
