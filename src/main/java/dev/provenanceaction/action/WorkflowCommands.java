package dev.provenanceaction.action;

import dev.provenanceaction.release.PublishLog;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes GitHub workflow commands ({@code ::error::}, {@code ::add-mask::}, ...), or, on the
 * command line, the same messages as plain lines. Every value that may come from outside (a file
 * name, a tag, an error text) is escaped, so it can never start a command of its own, and every
 * value once masked is printed as {@code ***} from then on, whoever passes it in.
 *
 * <p>The runner reads a line as a command in two forms (actions/runner {@code ActionCommand}): one
 * that starts with {@code ::} after leading white space, and the legacy one that holds {@code ##[}
 * anywhere. Lines that are not our own commands are kept out of both.
 */
public final class WorkflowCommands implements PublishLog {
  static final String REDACTED = "***";

  private final PrintStream out;
  private final boolean runner;
  private final List<String> secrets = new ArrayList<>();

  private WorkflowCommands(PrintStream out, boolean runner) {
    this.out = out;
    this.runner = runner;
  }

  /** Commands for the Actions runner, which reads them from the step's output. */
  public static WorkflowCommands forRunner(PrintStream out) {
    return new WorkflowCommands(out, true);
  }

  /**
   * Plain {@code error: ...} lines for a person at a terminal; still kept from reading as commands,
   * since the CLI may run in a workflow's {@code run:} step.
   */
  public static WorkflowCommands forTerminal(PrintStream out) {
    return new WorkflowCommands(out, false);
  }

  public void error(String title, String message) {
    command("error", title, message);
  }

  @Override
  public void warning(String title, String message) {
    command("warning", title, message);
  }

  @Override
  public void notice(String title, String message) {
    command("notice", title, message);
  }

  /**
   * Asks the runner to replace the value with {@code ***} in every later log line, and does the
   * same in every later line of this writer, on a terminal too.
   */
  public void addMask(String secret) {
    if (secret == null || secret.isBlank() || secrets.contains(secret)) {
      return;
    }
    secrets.add(secret);
    if (runner) {
      out.println("::add-mask::" + escapeData(secret));
    }
  }

  /** A plain log line; escaped so that outside text cannot form a command. */
  @Override
  public void info(String message) {
    out.println(plainLine(redact(message)));
  }

  private void command(String name, String title, String message) {
    if (runner) {
      out.println(
          "::"
              + name
              + " title="
              + escapeProperty(redact(title))
              + "::"
              + escapeData(redact(message)));
    } else {
      out.println(plainLine(name + ": " + redact(message)));
    }
  }

  /** The text with every masked value replaced, longest first so no part of one survives. */
  String redact(String text) {
    if (text == null) {
      return "";
    }
    String redacted = text;
    List<String> longestFirst = new ArrayList<>(secrets);
    longestFirst.sort((a, b) -> b.length() - a.length());
    for (String secret : longestFirst) {
      redacted = redacted.replace(secret, REDACTED);
    }
    return redacted;
  }

  /** Escapes a command's message as the runner decodes it. */
  public static String escapeData(String value) {
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a command property (also {@code :} and {@code ,}, which delimit properties). */
  public static String escapeProperty(String value) {
    return escapeData(value).replace(":", "%3A").replace(",", "%2C");
  }

  /**
   * A line that is no command: one line, no {@code ::} where the runner looks for a command's start
   * and no legacy {@code ##[}. The runner shows these escapes as they are; they only ever appear
   * for hostile text.
   */
  public static String plainLine(String value) {
    String line = escapeData(value).replace("##[", "##%5B");
    int start = 0;
    while (start < line.length() && isRunnerWhiteSpace(line.charAt(start))) {
      start++;
    }
    if (line.startsWith("::", start)) {
      line = line.substring(0, start) + "%3A" + line.substring(start + 1);
    }
    return line;
  }

  /** What .NET's {@code TrimStart} removes: Java's white space plus the no-break spaces. */
  private static boolean isRunnerWhiteSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }
}
