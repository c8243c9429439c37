package dev.provenanceaction.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of a provenance asset after merging this run's bundles into it: the existing lines in
 * their order, less those this run's lines supersede and exact duplicates, then this run's lines.
 *
 * @param lines the lines of the new asset, in their order
 * @param superseded how many existing lines were dropped as earlier attempts of this run
 * @param unreadableLineNumbers 1-based numbers, in the existing asset, of kept lines that are not
 *     bundles this project can read
 */
record MergedProvenance(
    List<ProvenanceLine> lines, int superseded, List<Integer> unreadableLineNumbers) {

  static MergedProvenance merge(String existing, List<ProvenanceLine> added) {
    Map<String, ProvenanceLine> ours = new LinkedHashMap<>();
    for (ProvenanceLine line : added) {
      ours.putIfAbsent(line.text(), line);
    }
    List<ProvenanceLine> kept = new ArrayList<>();
    List<Integer> unreadable = new ArrayList<>();
    int superseded = 0;
    List<String> existingLines = splitLines(existing);
    for (int i = 0; i < existingLines.size(); i++) {
      String text = existingLines.get(i);
      if (text.isBlank() || ours.containsKey(text)) {
        continue;
      }
      ProvenanceLine line = ProvenanceLine.parse(text);
      if (!line.readable()) {
        unreadable.add(i + 1);
        kept.add(line);
      } else if (added.stream().anyMatch(line::isSupersededBy)) {
        superseded++;
      } else {
        kept.add(line);
      }
    }
    kept.addAll(ours.values());
    return new MergedProvenance(List.copyOf(kept), superseded, List.copyOf(unreadable));
  }

  /**
   * The lines of an asset as {@code split("\\r?\\n", -1)} cuts them: at each LF, less one CR just
   * before it, keeping the empty line after a final LF. By hand, because the regex costs more than
   * the rest of a merge.
   */
  static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      boolean crlf = end > start && text.charAt(end - 1) == '\r';
      lines.add(text.substring(start, crlf ? end - 1 : end));
      start = end + 1;
    }
    lines.add(text.substring(start));
    return lines;
  }

  /** Only this run's lines, for {@code asset-conflict: replace} or a new asset. */
  static MergedProvenance only(List<ProvenanceLine> added) {
    return merge("", added);
  }

  /** The asset's bytes: one line per bundle, each ended by a newline. */
  byte[] content() {
    // Sized first, so that every line is copied once.
    int size = 0;
    for (ProvenanceLine line : lines) {
      size += line.utf8().length + 1;
    }
    byte[] content = new byte[size];
    int at = 0;
    for (ProvenanceLine line : lines) {
      byte[] utf8 = line.utf8();
      System.arraycopy(utf8, 0, content, at, utf8.length);
      at += utf8.length;
      content[at++] = '\n';
    }
    return content;
  }
}
