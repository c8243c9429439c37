package dev.provenanceaction.provenance;

/** A statement that is not an in-toto statement of a known version. */
public final class StatementFormatException extends Exception {
  private final String expected;
  private final String found;

  public StatementFormatException(String expected, String found) {
    super("expected " + expected + ", found " + found);
    this.expected = expected;
    this.found = found;
  }

  /** What a statement must be, for messages. */
  public String expected() {
    return expected;
  }

  /** What this one is instead. */
  public String found() {
    return found;
  }
}
