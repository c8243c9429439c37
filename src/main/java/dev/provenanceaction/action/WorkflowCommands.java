package dev.provenanceaction.action;

import java.io.PrintStream;

/**
 * Writes GitHub workflow commands ({@code ::error::}, {@code ::add-mask::}, ...), or, on the
 * command line, the same messages as plain lines. Every value that may come from outside (a file
 * name, a tag, an error text) is escaped, so it can never start a command of its own.
 */
public final class WorkflowCommands {
  private final PrintStream out;
  private final boolean runner;

  private WorkflowCommands(PrintStream out, boolean runner) {
    this.out = out;
    this.runner = runner;
  }

  /** Commands for the Actions runner, which reads them from the step's output. */
  public static WorkflowCommands forRunner(PrintStream out) {
    return new WorkflowCommands(out, true);
  }

  /** Plain {@code error: ...} lines for a person at a terminal. */
  public static WorkflowCommands forTerminal(PrintStream out) {
    return new WorkflowCommands(out, false);
  }

  public void error(String title, String message) {
    command("error", title, message);
  }

  public void warning(String title, String message) {
    command("warning", title, message);
  }

  public void notice(String title, String message) {
    command("notice", title, message);
  }

  /** Asks the runner to replace the value with {@code ***} in every later log line. */
  public void addMask(String secret) {
    if (runner && secret != null && !secret.isEmpty()) {
      out.println("::add-mask::" + escapeData(secret));
    }
  }

  /** A plain log line; escaped so that outside text cannot form a command. */
  public void info(String message) {
    out.println(escapeData(message));
  }

  private void command(String name, String title, String message) {
    if (runner) {
      out.println("::" + name + " title=" + escapeProperty(title) + "::" + escapeData(message));
    } else {
      out.println(name + ": " + escapeData(message));
    }
  }

  /** Escapes a command's message as the runner decodes it. */
  public static String escapeData(String value) {
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a command property (also {@code :} and {@code ,}, which delimit properties). */
  public static String escapeProperty(String value) {
    return escapeData(value).replace(":", "%3A").replace(",", "%2C");
  }
}
