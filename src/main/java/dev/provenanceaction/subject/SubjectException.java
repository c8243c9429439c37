package dev.provenanceaction.subject;

/**
 * The subjects given to the action are unusable: bad checksum text, bad base64, or no subjects. The
 * message says what is wrong and, when it is about one line, starts with {@code line N:}.
 */
public class SubjectException extends Exception {
  private final int lineNumber;

  /** A problem with the input as a whole, not with one line. */
  public SubjectException(String message) {
    super(message);
    this.lineNumber = 0;
  }

  public SubjectException(String message, Throwable cause) {
    super(message, cause);
    this.lineNumber = 0;
  }

  /** A problem with one line; the message becomes {@code line N: problem}. */
  public SubjectException(int lineNumber, String problem) {
    super("line " + lineNumber + ": " + problem);
    this.lineNumber = lineNumber;
  }

  public SubjectException(int lineNumber, String problem, Throwable cause) {
    super("line " + lineNumber + ": " + problem, cause);
    this.lineNumber = lineNumber;
  }

  /** The 1-based line the problem is on, or 0 when it is not about one line. */
  public int lineNumber() {
    return lineNumber;
  }
}
