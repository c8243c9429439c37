package dev.provenanceaction.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Paths named by inputs, resolved against the workspace. As the action, every such path must stay
 * inside the workspace, after {@code ..} and symbolic links: the inputs may come from a pull
 * request or an earlier step, and the container can read and write much more than the workspace
 * (the runner's file-command files, the home directory). On the command line, paths go where the
 * user says.
 */
public final class WorkspacePaths {
  private final Path base;
  private final boolean confined;

  private WorkspacePaths(Path base, boolean confined) {
    this.base = base.toAbsolutePath().normalize();
    this.confined = confined;
  }

  /** As the action: relative to the workspace, and never outside it. */
  public static WorkspacePaths confinedTo(Path workspace) {
    return new WorkspacePaths(workspace, true);
  }

  /** On the command line: relative to the working directory, anywhere. */
  public static WorkspacePaths relativeTo(Path workingDirectory) {
    return new WorkspacePaths(workingDirectory, false);
  }

  /** Where relative paths start. */
  public Path base() {
    return base;
  }

  /**
   * A directory named by an input that exists or is to be made (with its missing parents) when the
   * first file is written into it.
   *
   * @throws UsageException if it, or the nearest part of it that exists, is no directory, or it
   *     lies outside the workspace
   */
  public Path directory(String input, String value) throws UsageException {
    Path path = resolve(input, value);
    Path existing = path;
    while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (!Files.isDirectory(existing)) {
      throw new UsageException(
          "Output directory in the way",
          input
              + ": "
              + existing
              + " exists and is not a directory, so "
              + path
              + " cannot be one");
    }
    checkRealPathInside(input, value, existing);
    return path;
  }

  /**
   * An existing regular file named by an input.
   *
   * @throws UsageException if it does not exist, is no regular file, or lies outside the workspace
   */
  public Path file(String input, String value, String notFoundTitle) throws UsageException {
    Path path = resolve(input, value);
    if (!Files.isRegularFile(path)) {
      throw new UsageException(notFoundTitle, input + ": no such file: " + path);
    }
    checkRealPathInside(input, value, path);
    return path;
  }

  /**
   * Checks a file about to be written: it may not exist yet, but what exists must be a regular file
   * and no symbolic link, so that writing it cannot reach or replace anything else.
   *
   * @throws UsageException naming the input and what is in the way
   */
  public static void checkWritable(String input, Path target) throws UsageException {
    if (Files.isSymbolicLink(target)) {
      String pointsTo;
      try {
        pointsTo = Files.readSymbolicLink(target).toString();
      } catch (IOException e) {
        pointsTo = "somewhere unreadable";
      }
      throw new UsageException(
          "Symbolic link in the way",
          input
              + ": "
              + target
              + " is a symbolic link to "
              + pointsTo
              + "; refusing to write through or over it: remove it first");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
      throw new UsageException(
          "Output file in the way", input + ": " + target + " exists and is not a regular file");
    }
  }

  /**
   * Java 17 takes the encoding of file names from the locale, ASCII under C or POSIX (or none set),
   * and cannot make a file whose name that encoding cannot spell.
   *
   * @param fix how to do without such a name
   */
  static UsageException unspellableName(String what, String name, String fix) {
    return new UsageException(
        "File name not possible in this locale",
        what
            + " '"
            + name
            + "' cannot be a file name here: Java takes file names as "
            + System.getProperty("sun.jnu.encoding")
            + " from the locale (LANG and LC_ALL unset, C or POSIX); "
            + fix
            + ", or run with a UTF-8 locale such as LANG=C.UTF-8");
  }

  private Path resolve(String input, String value) throws UsageException {
    Path path;
    try {
      path = base.resolve(value).normalize();
    } catch (InvalidPathException e) {
      if (value.indexOf('\0') >= 0) {
        throw new UsageException("Invalid path", input + ": a path cannot contain a NUL character");
      }
      throw unspellableName(input, value, "use a path in ASCII");
    }
    if (confined && !path.startsWith(base)) {
      throw new UsageException(
          "Path outside the workspace",
          input
              + " '"
              + value
              + "' is outside the workspace "
              + base
              + ": as an action, this step reads and writes files in the workspace only; use a"
              + " path relative to it");
    }
    return path;
  }

  private void checkRealPathInside(String input, String value, Path path) throws UsageException {
    if (!confined) {
      return;
    }
    Path real;
    Path realBase;
    try {
      real = path.toRealPath();
      realBase = base.toRealPath();
    } catch (IOException e) {
      throw new UsageException(
          "Unreadable path", input + " '" + value + "' cannot be resolved: " + e.getMessage());
    }
    if (!real.startsWith(realBase)) {
      throw new UsageException(
          "Path outside the workspace",
          input
              + " '"
              + value
              + "' leads through a symbolic link to "
              + real
              + ", outside the workspace "
              + realBase
              + "; as an action, this step reads and writes files in the workspace only");
    }
  }
}
