package dev.provenanceaction.verify;

/**
 * A soundly signed bundle says something other than what the policy expects; {@link #check()} names
 * the check, {@link #expected()} and {@link #found()} the values.
 */
public class PolicyException extends Exception {
  private final PolicyCheck check;
  private final String expected;
  private final String found;

  public PolicyException(PolicyCheck check, String expected, String found) {
    super(check + ": expected " + expected + ", found " + found);
    this.check = check;
    this.expected = expected;
    this.found = found;
  }

  public PolicyCheck check() {
    return check;
  }

  public String expected() {
    return expected;
  }

  public String found() {
    return found;
  }
}
