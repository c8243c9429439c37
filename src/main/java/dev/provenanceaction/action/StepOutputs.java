package dev.provenanceaction.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Appends step outputs to the runner's {@code GITHUB_OUTPUT} file. */
public final class StepOutputs {
  private final Path file;

  public StepOutputs(Path file) {
    this.file = file;
  }

  /**
   * Sets one output. Multi-line values use the heredoc form with a random delimiter, which no value
   * can contain by chance.
   */
  public void set(String name, String value) throws IOException {
    String entry;
    if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      entry = name + "=" + value + "\n";
    } else {
      String delimiter = "ghadelimiter_" + UUID.randomUUID();
      entry = name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
    }
    Files.writeString(
        file,
        entry,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
  }
}
