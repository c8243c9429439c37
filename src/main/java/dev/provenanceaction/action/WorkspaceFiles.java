package dev.provenanceaction.action;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Writes files into the workspace whole or not at all, owned like the workspace: the container runs
 * as root, and root-owned files would stop later steps and self-hosted runners from deleting them.
 */
public final class WorkspaceFiles {
  private WorkspaceFiles() {}

  /** Writes through a temporary file in the same directory, then renames it into place. */
  public static void writeAtomically(Path target, byte[] content) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
    try {
      Files.write(temporary, content);
      copyOwner(directory, temporary);
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void copyOwner(Path from, Path to) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    PosixFileAttributes wanted = Files.readAttributes(from, PosixFileAttributes.class);
    PosixFileAttributes current = view.readAttributes();
    try {
      if (!wanted.owner().equals(current.owner())) {
        view.setOwner(wanted.owner());
      }
      GroupPrincipal group = wanted.group();
      if (!group.equals(current.group())) {
        view.setGroup(group);
      }
    } catch (FileSystemException e) {
      // Only root may give a file away; run as a user, the file stays that user's, which is what
      // a command-line user expects.
    }
  }
}
