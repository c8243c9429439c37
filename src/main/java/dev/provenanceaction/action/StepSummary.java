package dev.provenanceaction.action;

import dev.provenanceaction.subject.Subject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** The Markdown job summary of a {@code generate} run. */
final class StepSummary {
  /** The runner takes at most 1 MiB per step; a table of this many rows stays well under it. */
  static final int MAX_ROWS = 1000;

  private StepSummary() {}

  static String render(GenerateResult result, String verifyCommand) {
    StringBuilder md = new StringBuilder();
    md.append("### SLSA provenance: `").append(code(result.fileName())).append("`\n\n");
    if (result.ephemeral()) {
      md.append("> [!WARNING]\n> Signed with the **ephemeral** Sigstore: a throw-away certificate")
          .append(" authority and log. Nobody else can verify this file; it is a dry run.\n\n");
    }
    md.append("Signed with Sigstore (")
        .append(text(result.instanceName()))
        .append("); transparency log entry **")
        .append(result.logIndex())
        .append("**, integrated ")
        .append(Instant.ofEpochSecond(result.integratedTime()))
        .append(".\n\n");
    List<Subject> subjects = result.subjects();
    md.append("| Subject | Digest |\n|---|---|\n");
    for (Subject subject : subjects.subList(0, Math.min(MAX_ROWS, subjects.size()))) {
      md.append("| `")
          .append(code(subject.name()))
          .append("` | ")
          .append(subject.algorithm().inTotoName())
          .append(":`")
          .append(subject.digest())
          .append("` |\n");
    }
    if (subjects.size() > MAX_ROWS) {
      md.append("\n… and ").append(subjects.size() - MAX_ROWS).append(" more subjects.\n");
    }
    md.append(
            "\nVerify an artifact before installing it (the jar is on provenance-action's release")
        .append(" page; Java 17 or newer):\n\n```\n")
        .append(verifyCommand.replace("`", "'"))
        .append("\n```\n");
    return md.toString();
  }

  static void append(Path file, String markdown) throws IOException {
    Files.writeString(
        file,
        markdown,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Inside a code span: backticks would close it and pipes would split the table row. */
  private static String code(String value) {
    return value.replace("`", "'").replace("|", "\\|").replace("\n", " ").replace("\r", " ");
  }

  private static String text(String value) {
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
        .replace("\n", " ");
  }
}
