package dev.provenanceaction.subject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Subjects in the order first listed, each name once, as {@link ChecksumParser} collects them.
 *
 * <p>The names are indexed by an open-addressing table of ints rather than a {@link
 * java.util.HashMap}: a map's node and value object per line, and its rehashing, took a quarter of
 * the time a cold JVM spent parsing 100,000 lines.
 */
final class UniqueSubjects {
  private final List<Subject> subjects = new ArrayList<>();
  private int[] firstLines = new int[64];

  /** Per slot of the table, the hash of the name there. */
  private int[] hashes = new int[128];

  /** Per slot of the table, 1 + the index in {@link #subjects} of the name there; 0 if free. */
  private int[] entries = new int[128];

  /**
   * Adds the subject unless its name is listed already with the same digest.
   *
   * @param nameHash the name's {@link String#hashCode()}, which the parser computes while it checks
   *     the name: a pass of its own over 100,000 names costs a cold JVM more than the table
   * @param lineNumber where the subject is listed, for the error about a name listed twice
   * @throws SubjectException if the name is listed already with another digest
   */
  void add(Subject subject, int nameHash, int lineNumber) throws SubjectException {
    String name = subject.name();
    int mask = entries.length - 1;
    int slot = spread(nameHash) & mask;
    for (int entry = entries[slot]; entry != 0; entry = entries[slot]) {
      Subject earlier = hashes[slot] == nameHash ? subjects.get(entry - 1) : null;
      if (earlier != null && earlier.name().equals(name)) {
        if (!earlier.equals(subject)) {
          throw new SubjectException(
              lineNumber,
              "'"
                  + ChecksumNames.printable(name)
                  + "' is listed again with a different digest (first on line "
                  + firstLines[entry - 1]
                  + ")");
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
    int index = subjects.size();
    subjects.add(subject);
    if (index == firstLines.length) {
      firstLines = Arrays.copyOf(firstLines, index * 2);
    }
    firstLines[index] = lineNumber;
    hashes[slot] = nameHash;
    entries[slot] = index + 1;
    // At most half full, so a probe for a new name soon finds a free slot.
    if (subjects.size() * 2 > entries.length) {
      grow();
    }
  }

  boolean isEmpty() {
    return subjects.isEmpty();
  }

  /** The subjects, in the order first listed; the list is this object's own. */
  List<Subject> list() {
    return subjects;
  }

  private void grow() {
    int[] oldHashes = hashes;
    int[] oldEntries = entries;
    hashes = new int[oldEntries.length * 2];
    entries = new int[oldEntries.length * 2];
    int mask = entries.length - 1;
    for (int i = 0; i < oldEntries.length; i++) {
      if (oldEntries[i] != 0) {
        int slot = spread(oldHashes[i]) & mask;
        while (entries[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        hashes[slot] = oldHashes[i];
        entries[slot] = oldEntries[i];
      }
    }
  }

  /** As {@link java.util.HashMap} does: the high bits too decide the slot, not only the masked. */
  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
