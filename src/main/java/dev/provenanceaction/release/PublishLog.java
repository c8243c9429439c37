package dev.provenanceaction.release;

/**
 * Where publishing reports progress (each retry wait among them), choices a user should see, and
 * warnings that do not stop it. The action maps these to log lines and {@code ::notice::} and
 * {@code ::warning::} annotations.
 */
public interface PublishLog {
  void info(String message);

  void notice(String title, String message);

  void warning(String title, String message);
}
