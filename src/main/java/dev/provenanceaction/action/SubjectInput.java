package dev.provenanceaction.action;

import dev.provenanceaction.subject.ChecksumParser;
import dev.provenanceaction.subject.Subject;
import dev.provenanceaction.subject.SubjectException;
import dev.provenanceaction.subject.SubjectFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * The subjects from whichever input names them (subject-base64, subject-path or subject-checksums),
 * a failure named after that input.
 */
final class SubjectInput {
  private SubjectInput() {}

  static List<Subject> read(GenerateOptions options) throws UsageException {
    try {
      if (options.subjectBase64() != null) {
        return ChecksumParser.parseBase64(options.subjectBase64());
      }
      if (options.subjectPath() != null) {
        return SubjectFiles.resolve(
            options.workspace(), options.subjectPath(), options.digestAlgorithm());
      }
      if (Files.size(options.subjectChecksums()) > ChecksumParser.MAX_INPUT_BYTES) {
        throw new UsageException(
            "Invalid subjects",
            "subject-checksums: the file is larger than "
                + ChecksumParser.MAX_INPUT_BYTES
                + " bytes (64 MiB); that is not the checksums of a release");
      }
      try (InputStream checksums = Files.newInputStream(options.subjectChecksums())) {
        return ChecksumParser.parse(checksums);
      }
    } catch (SubjectException e) {
      String input =
          options.subjectBase64() != null
              ? "subject-base64"
              : options.subjectPath() != null ? "subject-path" : "subject-checksums";
      String message = e.getMessage();
      throw new UsageException(
          "Invalid subjects", message.startsWith(input) ? message : input + ": " + message);
    } catch (IOException e) {
      throw new UsageException(
          "Unreadable subject-checksums", "cannot read subject-checksums: " + e.getMessage());
    }
  }
}
