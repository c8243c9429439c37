package dev.provenanceaction.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code subject-path} pattern: a glob relative to the workspace, or an exclusion when it
 * starts with {@code !}.
 *
 * <p>{@code *} matches any characters but {@code /}, {@code ?} one such character, {@code [abc]},
 * {@code [a-z]} and {@code [!abc]} one character of a set, {@code {whl,tar.gz}} one of the
 * alternatives, and a whole segment {@code **} any number of directories, none included (so {@code
 * **}{@code /*.whl} also matches {@code pkg.whl} at the top). {@code \} makes the next character
 * literal. Wildcards match names starting with a dot too, as in the runner's own globs.
 *
 * @param text the pattern as written, for messages
 * @param exclusion whether the pattern starts with {@code !}
 * @param base the segments before the first one with a wildcard, {@code ..} and {@code .} resolved,
 *     joined by {@code /}; empty for the workspace itself. Subject names are relative to it.
 * @param literalName for a pattern without wildcards, its last segment: one file, or a directory
 *     whose files it means; empty for a pattern with wildcards
 * @param rest the part after the base, matched against a path relative to the base
 * @param maxDepth how many directories deep below the base {@code rest} can match
 */
record Glob(
    String text, boolean exclusion, String base, String literalName, Pattern rest, int maxDepth) {

  boolean literal() {
    return !literalName.isEmpty();
  }

  /**
   * The patterns in a {@code subject-path} input: separated by line breaks or commas (a comma
   * inside {@code {}} or {@code []} belongs to the pattern); blank entries are skipped.
   *
   * @throws SubjectException if a pattern is absolute, leaves the workspace or is malformed
   */
  static List<Glob> parseList(String patterns) throws SubjectException {
    List<Glob> globs = new ArrayList<>();
    for (String entry : split(patterns)) {
      String trimmed = entry.strip();
      if (!trimmed.isEmpty()) {
        globs.add(parse(trimmed));
      }
    }
    return globs;
  }

  /** Whether this pattern matches a path relative to the workspace, or one of its directories. */
  boolean matchesWorkspacePath(String path) {
    String relative;
    if (base.isEmpty()) {
      relative = path;
    } else if (path.startsWith(base + "/")) {
      relative = path.substring(base.length() + 1);
    } else {
      return false;
    }
    for (int slash = relative.indexOf('/'); slash >= 0; slash = relative.indexOf('/', slash + 1)) {
      if (rest.matcher(relative.substring(0, slash)).matches()) {
        return true;
      }
    }
    return rest.matcher(relative).matches();
  }

  static Glob parse(String text) throws SubjectException {
    boolean exclusion = text.startsWith("!");
    String pattern = exclusion ? text.substring(1).strip() : text;
    if (pattern.isEmpty()) {
      throw new SubjectException("subject-path: '" + text + "' excludes nothing; add a pattern");
    }
    if (pattern.startsWith("/") || pattern.startsWith("~")) {
      throw new SubjectException(
          "subject-path: '"
              + text
              + "' is not relative to the workspace; write it as the path under"
              + " GITHUB_WORKSPACE, e.g. 'dist/*'");
    }
    List<String> base = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String segment : pattern.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (!rest.isEmpty() || hasWildcard(segment)) {
        if (segment.equals("..")) {
          throw new SubjectException(
              "subject-path: '" + text + "' has '..' after a wildcard, which can match nothing");
        }
        rest.add(segment);
      } else if (segment.equals("..")) {
        if (base.isEmpty()) {
          throw new SubjectException(
              "subject-path: '"
                  + text
                  + "' leads outside the workspace; only files inside it can be subjects");
        }
        base.remove(base.size() - 1);
      } else {
        base.add(unescape(segment));
      }
    }
    String literalName = "";
    if (rest.isEmpty()) {
      if (base.isEmpty()) {
        throw new SubjectException(
            "subject-path: '" + text + "' is the workspace itself; name files, e.g. 'dist/*'");
      }
      literalName = base.remove(base.size() - 1);
      rest.add(quoteGlob(literalName));
    }
    int maxDepth = rest.contains("**") ? Integer.MAX_VALUE : rest.size();
    return new Glob(
        text, exclusion, String.join("/", base), literalName, compile(text, rest), maxDepth);
  }

  private static boolean hasWildcard(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }

  private static String unescape(String segment) {
    StringBuilder literal = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '\\' && i + 1 < segment.length()) {
        c = segment.charAt(++i);
      }
      literal.append(c);
    }
    return literal.toString();
  }

  private static String quoteGlob(String literal) {
    StringBuilder quoted = new StringBuilder(literal.length());
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if ("\\*?[]{},".indexOf(c) >= 0) {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.toString();
  }

  private static Pattern compile(String text, List<String> segments) throws SubjectException {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      boolean last = i == segments.size() - 1;
      String segment = segments.get(i);
      if (segment.equals("**")) {
        regex.append(last ? ".*" : "(?:[^/]+/)*");
        continue;
      }
      new SegmentCompiler(text, segment, regex).compile();
      if (!last) {
        regex.append('/');
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** Splits on line breaks and on commas outside {@code {}} and {@code []}. */
  private static List<String> split(String patterns) {
    List<String> entries = new ArrayList<>();
    int braces = 0;
    boolean inClass = false;
    StringBuilder entry = new StringBuilder();
    for (int i = 0; i < patterns.length(); i++) {
      char c = patterns.charAt(i);
      if (c == '\\' && i + 1 < patterns.length() && patterns.charAt(i + 1) != '\n') {
        entry.append(c).append(patterns.charAt(++i));
        continue;
      }
      if (c == '\n' || c == '\r' || (c == ',' && braces == 0 && !inClass)) {
        entries.add(entry.toString());
        entry.setLength(0);
        braces = 0;
        inClass = false;
        continue;
      }
      if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '{') {
        braces++;
      } else if (c == '}' && braces > 0) {
        braces--;
      }
      entry.append(c);
    }
    entries.add(entry.toString());
    return entries;
  }

  /** Turns one segment's wildcards into regex, never letting one match {@code /}. */
  private static final class SegmentCompiler {
    private final String text;
    private final String segment;
    private final StringBuilder regex;
    private int braces;

    SegmentCompiler(String text, String segment, StringBuilder regex) {
      this.text = text;
      this.segment = segment;
      this.regex = regex;
    }

    void compile() throws SubjectException {
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        switch (c) {
          case '\\' -> {
            if (i + 1 < segment.length()) {
              c = segment.charAt(++i);
            }
            regex.append(Pattern.quote(String.valueOf(c)));
          }
          case '*' -> {
            regex.append("[^/]*");
            while (i + 1 < segment.length() && segment.charAt(i + 1) == '*') {
              i++;
            }
          }
          case '?' -> regex.append("[^/]");
          case '[' -> i = characterClass(i);
          case '{' -> {
            braces++;
            regex.append("(?:");
          }
          case ',' -> regex.append(braces > 0 ? "|" : ",");
          case '}' -> {
            if (braces == 0) {
              throw malformed("a '}' without its '{'");
            }
            braces--;
            regex.append(')');
          }
          default -> regex.append(Pattern.quote(String.valueOf(c)));
        }
      }
      if (braces > 0) {
        throw malformed("a '{' without its '}' (a group cannot hold '/')");
      }
    }

    /** Appends {@code [...]} starting at {@code open}; returns the index of its {@code ]}. */
    private int characterClass(int open) throws SubjectException {
      int i = open + 1;
      StringBuilder members = new StringBuilder();
      boolean negated =
          i < segment.length() && (segment.charAt(i) == '!' || segment.charAt(i) == '^');
      if (negated) {
        i++;
      }
      for (boolean first = true; i < segment.length(); i++, first = false) {
        char c = segment.charAt(i);
        if (c == ']' && !first) {
          // A range such as [+-0] could hold '/', which no segment can.
          regex.append(negated ? "[^/" : "(?!/)[").append(members).append(']');
          return i;
        }
        if (c == '\\' && i + 1 < segment.length()) {
          c = segment.charAt(++i);
        } else if (c == '-' && !first && i + 1 < segment.length() && segment.charAt(i + 1) != ']') {
          members.append('-');
          continue;
        }
        members.append(c < 0x80 && !Character.isLetterOrDigit(c) ? "\\" + c : String.valueOf(c));
      }
      throw malformed("a '[' without its ']'");
    }

    private SubjectException malformed(String problem) {
      return new SubjectException("subject-path: '" + text + "' has " + problem);
    }
  }
}
