package dev.provenanceaction.release;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what publishing reported, to assert on it. */
final class RecordingLog implements PublishLog {
  final List<String> infos = new CopyOnWriteArrayList<>();
  final List<String> notices = new CopyOnWriteArrayList<>();
  final List<String> warnings = new CopyOnWriteArrayList<>();

  @Override
  public void info(String message) {
    infos.add(message);
  }

  @Override
  public void notice(String title, String message) {
    notices.add(title + ": " + message);
  }

  @Override
  public void warning(String title, String message) {
    warnings.add(title + ": " + message);
  }

  String all() {
    return String.join("\n", infos)
        + "\n"
        + String.join("\n", notices)
        + "\n"
        + String.join("\n", warnings);
  }
}
