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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes files into the workspace whole or not at all, owned like the workspace: the container runs
 * as root, and root-owned files would stop later steps and self-hosted runners from deleting them.
 * What it writes is public (provenance, a trusted root) and later steps may run as another user: a
 * file gets mode 0644, a directory it makes 0755.
 */
public final class WorkspaceFiles {
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  private WorkspaceFiles() {}

  /**
   * Writes several files all or none: every one to a temporary file first, then each renamed into
   * place. On a failure the temporary files, the files already renamed and the directories made for
   * them are removed again.
   */
  public static void writeAllAtomically(Map<Path, byte[]> files) throws IOException {
    List<Path> madeDirectories = new ArrayList<>();
    Map<Path, Path> temporaries = new LinkedHashMap<>();
    List<Path> placed = new ArrayList<>();
    boolean complete = false;
    try {
      for (Map.Entry<Path, byte[]> file : files.entrySet()) {
        Path directory = file.getKey().toAbsolutePath().getParent();
        createDirectories(directory, madeDirectories);
        // Made 0600 and only opened up once complete: no one reads a partial file.
        Path temporary = Files.createTempFile(directory, "." + file.getKey().getFileName(), ".tmp");
        temporaries.put(file.getKey(), temporary);
        Files.write(temporary, file.getValue());
        copyOwner(directory, temporary);
        setMode(temporary, FILE_MODE);
      }
      for (Map.Entry<Path, Path> file : temporaries.entrySet()) {
        try {
          Files.move(
              file.getValue(),
              file.getKey(),
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(file.getValue(), file.getKey(), StandardCopyOption.REPLACE_EXISTING);
        }
        placed.add(file.getKey());
      }
      complete = true;
    } finally {
      for (Path temporary : temporaries.values()) {
        Files.deleteIfExists(temporary);
      }
      if (!complete) {
        for (Path target : placed) {
          Files.deleteIfExists(target);
        }
        for (int i = madeDirectories.size() - 1; i >= 0; i--) {
          Files.deleteIfExists(madeDirectories.get(i));
        }
      }
    }
  }

  /** Each missing level, owned like the one above it. */
  private static void createDirectories(Path directory, List<Path> made) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Path parent = directory.getParent();
    if (parent != null) {
      createDirectories(parent, made);
    }
    Files.createDirectory(directory);
    made.add(directory);
    if (parent != null) {
      copyOwner(parent, directory);
    }
    setMode(directory, DIRECTORY_MODE);
  }

  private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(path, mode);
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
