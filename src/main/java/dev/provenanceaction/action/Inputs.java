package dev.provenanceaction.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The action's inputs by name ({@code subject-base64}, ...), read either from the runner's {@code
 * INPUT_<NAME>} variables or from {@code --name value} command-line flags. Empty means unset, as
 * the runner passes an empty string for an input without a value.
 */
public final class Inputs {
  private final Map<String, String> values;

  private Inputs(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Reads the inputs the runner passes to a container action: the name upper-cased with hyphens
   * kept ({@code INPUT_SUBJECT-BASE64}).
   */
  public static Inputs fromEnvironment(Map<String, String> env, Set<String> names) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : names) {
      String value = env.get("INPUT_" + name.toUpperCase(Locale.ROOT).replace(' ', '_'));
      if (value != null && !value.isBlank()) {
        values.put(name, value.strip());
      }
    }
    return new Inputs(values);
  }

  /**
   * Reads {@code --name value} and {@code --name=value} flags; a flag that names a boolean input
   * may stand alone for {@code true}.
   */
  public static Inputs fromArguments(List<String> args, Set<String> names, Set<String> booleans)
      throws UsageException {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new UsageException("Unexpected argument", "unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (!names.contains(name)) {
        throw new UsageException("Unknown option", "unknown option: --" + name);
      }
      if (value == null) {
        boolean nextIsValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
        if (nextIsValue) {
          value = args.get(++i);
        } else if (booleans.contains(name)) {
          value = "true";
        } else {
          throw new UsageException("Missing value", "option --" + name + " needs a value");
        }
      }
      if (values.put(name, value) != null) {
        throw new UsageException("Repeated option", "option --" + name + " is given twice");
      }
    }
    return new Inputs(values);
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** A boolean input: {@code true} or {@code false} in any case, else a usage error. */
  public boolean getBoolean(String name, boolean defaultValue) throws UsageException {
    Optional<String> value = get(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new UsageException(
              "Invalid " + name, name + " must be true or false, not '" + value.get() + "'");
    };
  }
}
