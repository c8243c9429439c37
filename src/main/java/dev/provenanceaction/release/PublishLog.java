package dev.provenanceaction.release;

/**
 * Where publishing reports progress (each retry wait among them) and warnings that do not stop it.
 * The action maps these to log lines and {@code ::warning::} annotations.
 */
public interface PublishLog {
  void info(String message);

  void warning(String title, String message);
}
