package dev.provenanceaction.provenance;

import dev.provenanceaction.subject.Subject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The name of the provenance file, written to the workspace and uploaded as a release asset: a
 * plain file name ending in {@code .intoto.jsonl}.
 *
 * @param value the file name
 */
public record ProvenanceFileName(String value) {
  public static final String SUFFIX = ".intoto.jsonl";

  private static final String MULTIPLE = "multiple" + SUFFIX;
  private static final int MAX_BYTES = 255;

  public ProvenanceFileName {
    check(value);
  }

  /**
   * Checks a name given by the user.
   *
   * @throws IllegalArgumentException saying what is wrong with the name
   */
  public static ProvenanceFileName parse(String value) {
    return new ProvenanceFileName(value);
  }

  /**
   * The name the SLSA generator would choose: {@code <basename of the only subject>.intoto.jsonl},
   * or {@code multiple.intoto.jsonl} for several subjects.
   *
   * @throws IllegalArgumentException if there are no subjects, or the only subject's base name
   *     makes no valid file name
   */
  public static ProvenanceFileName defaultFor(List<Subject> subjects) {
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException("no subjects to name the provenance file after");
    }
    if (subjects.size() > 1) {
      return new ProvenanceFileName(MULTIPLE);
    }
    String name = subjects.get(0).name();
    return new ProvenanceFileName(name.substring(name.lastIndexOf('/') + 1) + SUFFIX);
  }

  private static void check(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("the provenance file name is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(
            "the provenance file name contains the control character "
                + String.format(Locale.ROOT, "U+%04X", (int) value.charAt(i)));
      }
    }
    for (char separator : new char[] {'/', '\\'}) {
      if (value.indexOf(separator) >= 0) {
        throw new IllegalArgumentException(
            "the provenance file name '"
                + value
                + "' must be a plain file name, without '"
                + separator
                + "': it is written to the workspace and uploaded as a release asset");
      }
    }
    if (!value.endsWith(SUFFIX)) {
      throw new IllegalArgumentException(
          "the provenance file name '" + value + "' must end in " + SUFFIX);
    }
    String base = value.substring(0, value.length() - SUFFIX.length());
    if (base.isBlank() || base.equals(".") || base.equals("..")) {
      throw new IllegalArgumentException(
          "the provenance file name '" + value + "' needs a name before " + SUFFIX);
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "the provenance file name is longer than " + MAX_BYTES + " bytes: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
