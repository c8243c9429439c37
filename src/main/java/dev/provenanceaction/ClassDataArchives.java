package dev.provenanceaction;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The class-data archives that bare {@code java -jar} runs keep in the user's cache directory
 * ({@code $XDG_CACHE_HOME/provenance-action}, else {@code ~/.cache/provenance-action}): one per
 * jar, JDK, command and, for {@code generate}, Sigstore instance (a signing run with public-good's
 * TUF repository loads other classes than one with the ephemeral instance or with Rekor v2), named
 * after those, then the jar's size and time, the JVM's version and flags, so that a new jar or JDK
 * gets a new archive and the old one is deleted once the new one is kept.
 *
 * <p>The JVM maps an archive's classes without verifying them again, so an archive is used only
 * from a directory and a file that this process's user owns (the owner of {@code /proc/self}) and
 * that no one else may write.
 */
record ClassDataArchives(Path directory, String javaHome, String vmVersion, Path ownProcess) {
  /** The group's and others' write bits of a file's mode. */
  private static final int OTHERS_MAY_WRITE = 0022;

  /** Archives beyond these, the least recently written first, are deleted: 6-12 MB each. */
  private static final int MOST_KEPT = 8;

  /** A JVM's archive takes at most about 25 MB; with less room than this, none is written. */
  private static final long ROOM_NEEDED = 64L * 1024 * 1024;

  /** A partial archive older than this was left by a run that was stopped. */
  private static final long ABANDONED_MILLIS = 10 * 60 * 1000;

  /** The archives of this JVM's user and JDK. */
  static Optional<ClassDataArchives> forUser(Map<String, String> env) {
    String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
    Path cache =
        !xdg.isEmpty() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    // The JVM reads a ':' in an archive's path as the end of a base archive's path.
    return cache.isAbsolute() && !cache.toString().contains(File.pathSeparator)
        ? Optional.of(
            new ClassDataArchives(
                cache.resolve("provenance-action"),
                System.getProperty("java.home"),
                System.getProperty("java.vm.version"),
                Path.of("/proc/self")))
        : Optional.empty();
  }

  /** An archive's place; {@code exists} when a JVM may map it. */
  record Archive(Path path, boolean exists, String prefix) {
    Dump dump() {
      // The pid alone may repeat in another container that shares the cache.
      String unique = ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
      return new Dump(
          path.resolveSibling(path.getFileName() + "." + unique + ".partial"), path, prefix);
    }
  }

  /** An archive that a JVM writes at its exit into {@code partial}, kept if the run succeeds. */
  record Dump(Path partial, Path archive, String prefix) {
    /**
     * Puts the archive in its place, whole, and deletes the ones it replaces, partial ones that
     * stopped runs left, and the least recently written beyond {@link #MOST_KEPT}.
     */
    void keep() {
      try {
        if (!Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS)) {
          return; // the JVM could not write it
        }
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        List<Path> kept = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(archive.getParent())) {
          for (Path path : files) {
            String name = path.getFileName().toString();
            if (path.equals(archive)) {
              continue;
            } else if (name.endsWith(".jsa") && name.startsWith(prefix)) {
              Files.deleteIfExists(path);
            } else if (name.endsWith(".jsa")) {
              kept.add(path);
            } else if (name.endsWith(".partial")
                && now - Files.getLastModifiedTime(path).toMillis() > ABANDONED_MILLIS) {
              Files.deleteIfExists(path);
            }
          }
        }
        kept.sort(Comparator.comparing(ClassDataArchives::written).reversed());
        for (Path old : kept.subList(Math.min(kept.size(), MOST_KEPT - 1), kept.size())) {
          Files.deleteIfExists(old);
        }
      } catch (IOException | UncheckedIOException e) {
        discard(); // the cache only saves time; the next run tries again
      }
    }

    void discard() {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        // left for the user: the cache holds nothing the run needs
      }
    }
  }

  /**
   * The archive for {@code command} run from {@code jar} with {@code flags}, for runs of the kind
   * {@code kind} names (runs of one kind load the same classes); empty when the cache directory
   * cannot be made or is not the user's alone.
   */
  Optional<Archive> forRun(Path jar, String command, String kind, List<String> flags) {
    try {
      BasicFileAttributes jarAttributes = Files.readAttributes(jar, BasicFileAttributes.class);
      String prefix = command + "-" + hash(jar.toRealPath() + "\n" + javaHome + "\n" + kind) + "-";
      String version =
          hash(
              jarAttributes.size()
                  + "\n"
                  + jarAttributes.lastModifiedTime().toMillis()
                  + "\n"
                  + vmVersion
                  + "\n"
                  + flags);
      if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(directory.getParent());
        Files.createDirectory(
            directory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Object user = Files.getAttribute(ownProcess, "unix:uid");
      if (!onlyTheUsers(directory, user)) {
        return Optional.empty();
      }
      Path archive = directory.resolve(prefix + version + ".jsa");
      boolean exists = Files.exists(archive, LinkOption.NOFOLLOW_LINKS);
      if (exists ? !onlyTheUsers(archive, user) : !roomToWrite()) {
        return Optional.empty();
      }
      return Optional.of(new Archive(archive, exists, prefix));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty(); // no POSIX owner to check, or no cache: run without an archive
    }
  }

  /**
   * Whether a JVM can write an archive here: one that cannot fails at its exit, with exit code 1,
   * after the command has done its work.
   */
  private boolean roomToWrite() throws IOException {
    return Files.isWritable(directory)
        && Files.getFileStore(directory).getUsableSpace() > ROOM_NEEDED;
  }

  private static FileTime written(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean onlyTheUsers(Path path, Object user) throws IOException {
    Map<String, Object> attributes =
        Files.readAttributes(path, "unix:uid,mode,isSymbolicLink", LinkOption.NOFOLLOW_LINKS);
    return !(Boolean) attributes.get("isSymbolicLink")
        && user.equals(attributes.get("uid"))
        && ((Integer) attributes.get("mode") & OTHERS_MAY_WRITE) == 0;
  }

  private static String hash(String text) {
    return Integer.toHexString(text.hashCode());
  }
}
