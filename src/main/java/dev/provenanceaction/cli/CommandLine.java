package dev.provenanceaction.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options and operands of a verify command: {@code --name value} or {@code --name=value},
 * switches without a value, operands anywhere, and {@code --} before operands that start with a
 * dash.
 *
 * @param values each option's value
 * @param switches the switches given
 * @param operands everything else, in order
 */
record CommandLine(Map<String, String> values, Set<String> switches, List<String> operands) {
  static CommandLine parse(List<String> args, Set<String> options, Set<String> knownSwitches)
      throws ArgumentException {
    Map<String, String> values = new HashMap<>();
    Set<String> switches = new HashSet<>();
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        operands.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!arg.startsWith("--")) {
        operands.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (knownSwitches.contains(name)) {
        if (equals >= 0) {
          throw new ArgumentException(name + " takes no value");
        }
        switches.add(name);
      } else if (options.contains(name)) {
        String value;
        if (equals >= 0) {
          value = arg.substring(equals + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new ArgumentException(name + " needs a value");
        }
        if (value.isBlank()) {
          throw new ArgumentException(name + " needs a non-empty value");
        }
        if (values.put(name, value) != null) {
          throw new ArgumentException(name + " is given more than once");
        }
      } else {
        throw new ArgumentException("unknown option " + name);
      }
    }
    return new CommandLine(values, switches, operands);
  }

  Optional<String> value(String option) {
    return Optional.ofNullable(values.get(option));
  }

  String required(String option) throws ArgumentException {
    String value = values.get(option);
    if (value == null) {
      throw new ArgumentException(option + " is required");
    }
    return value;
  }

  boolean has(String knownSwitch) {
    return switches.contains(knownSwitch);
  }
}
