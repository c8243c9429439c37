package dev.provenanceaction.cli;

/** A command line the verify commands cannot run: exit code 2, with a message saying what to do. */
public class ArgumentException extends Exception {
  public ArgumentException(String message) {
    super(message);
  }
}
