package dev.provenanceaction.action;

/**
 * What to say about an exception nobody expected: its type and where in this project it was thrown,
 * enough for a bug report. Never its message or a stack trace: a library's message may quote its
 * input, and that input may be a token that is not masked yet.
 */
public final class UnexpectedFailure {
  public static final String TITLE = "Unexpected failure";

  private static final String OWN_PACKAGE = "dev.provenanceaction.";

  private UnexpectedFailure() {}

  public static String describe(Throwable failure) {
    StringBuilder text =
        new StringBuilder("provenance-action stopped on an unexpected ")
            .append(failure.getClass().getName());
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getClassName().startsWith(OWN_PACKAGE)) {
        text.append(" in ")
            .append(frame.getClassName().substring(OWN_PACKAGE.length()))
            .append('.')
            .append(frame.getMethodName())
            .append(':')
            .append(frame.getLineNumber());
        break;
      }
    }
    return text.append(
            ". This is a bug; please report it with this line (see SECURITY.md). Its message"
                + " is left out in case it holds a secret.")
        .toString();
  }
}
