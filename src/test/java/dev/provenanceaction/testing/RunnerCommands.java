package dev.provenanceaction.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a step's output the way the Actions runner does (actions/runner {@code ActionCommand}): a
 * line is a command when it starts with {@code ::} after leading white space and holds a second
 * {@code ::}, or, in the legacy form, when it holds {@code ##[} and a later {@code ]} anywhere.
 * Lines end at LF, CR or CRLF, as .NET's {@code ReadLine} splits them.
 */
public final class RunnerCommands {
  /** Our own commands: an annotation with an escaped title, or a mask. */
  private static final Pattern OWN_ANNOTATION =
      Pattern.compile("::(error|warning|notice) title=[^:,\\r\\n]*::[^\\r\\n]*");

  private RunnerCommands() {}

  /** Every line of the output the runner would take for a command. */
  public static List<String> commandLines(String output) {
    List<String> commands = new ArrayList<>();
    for (String line : output.split("\r\n|\r|\n", -1)) {
      if (isCommand(line)) {
        commands.add(line);
      }
    }
    return commands;
  }

  /**
   * The command lines that are not ours: anything but an annotation written by {@code
   * WorkflowCommands} with nothing before it, or a mask of one of the given secrets.
   */
  public static List<String> foreignCommands(String output, Set<String> maskedSecrets) {
    List<String> foreign = new ArrayList<>();
    for (String line : commandLines(output)) {
      boolean ownMask =
          line.startsWith("::add-mask::")
              && maskedSecrets.contains(line.substring("::add-mask::".length()));
      if (!ownMask && !OWN_ANNOTATION.matcher(line).matches()) {
        foreign.add(line);
      }
    }
    return foreign;
  }

  private static boolean isCommand(String line) {
    String trimmed = trimStart(line);
    if (trimmed.startsWith("::") && trimmed.indexOf("::", 2) > 0) {
      return true;
    }
    int legacy = line.indexOf("##[");
    return legacy >= 0 && line.indexOf(']', legacy) > 0;
  }

  /** .NET's {@code TrimStart}: every Unicode white space, no-break spaces included. */
  private static String trimStart(String line) {
    int start = 0;
    while (start < line.length()
        && (Character.isWhitespace(line.charAt(start))
            || Character.isSpaceChar(line.charAt(start))
            || line.charAt(start) == '\u0085')) {
      start++;
    }
    return line.substring(start);
  }
}
