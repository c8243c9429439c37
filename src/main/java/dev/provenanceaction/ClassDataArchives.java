package dev.provenanceaction;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
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
import java.util.zip.CRC32;

/**
 * The class-data archives that bare {@code java -jar} runs keep in the user's cache directory
 * ({@code $XDG_CACHE_HOME/provenance-action}, else {@code ~/.cache/provenance-action}): one per
 * jar, JDK, command and, for {@code generate}, Sigstore instance (a signing run with public-good's
 * TUF repository loads other classes than one with the ephemeral instance or with Rekor v2), named
 * after those, then the jar's size and time, the JVM's version and flags, so that a new jar or JDK
 * gets a new archive and the old one is deleted once the new one is kept. The JVM itself knows a
 * jar again by its size and time alone; a jar replaced by another of the same size and time, as a
 * copy that keeps times may make, would run the old jar's archived classes, so the name also holds
 * a fingerprint of the jar's content.
 *
 * <p>The JVM maps an archive's classes without verifying them again, so an archive is used only
 * from a directory and a file that this process's user owns (the owner of {@code /proc/self}) and
 * that no one else may write, reached through directories that no one else can change: each owned
 * by the user or root, and writable by no one else unless sticky (as {@code /tmp}, where no one may
 * rename another's entries). The JVM is given the directory's real path, so no link on the way can
 * be turned elsewhere between this check and the JVM's reading.
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

  /** A directory's sticky bit: only an entry's owner may rename or delete it. */
  private static final int STICKY = 01000;

  /** A zip's end record: its signature, and its length without a comment. */
  private static final int END_SIGNATURE = 0x06054b50;

  private static final int END_LENGTH = 22;

  /** A jar's central directory beyond this is not read for its fingerprint: no archive is made. */
  private static final long MAX_DIRECTORY_BYTES = 16L * 1024 * 1024;

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
                  + contentFingerprint(jar)
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
      Path real = directory.toRealPath();
      for (Path above = real.getParent(); above != null; above = above.getParent()) {
        if (!othersCannotChange(above, user)) {
          return Optional.empty();
        }
      }
      Path archive = real.resolve(prefix + version + ".jsa");
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

  /**
   * Whether no one but the user and root can rename what {@code directory} holds: it is theirs, and
   * others may not write it, or may but not rename another's entries (sticky).
   */
  private static boolean othersCannotChange(Path directory, Object user) throws IOException {
    Map<String, Object> attributes =
        Files.readAttributes(directory, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
    Object owner = attributes.get("uid");
    int mode = (Integer) attributes.get("mode");
    return (user.equals(owner) || Integer.valueOf(0).equals(owner))
        && ((mode & OTHERS_MAY_WRITE) == 0 || (mode & STICKY) != 0);
  }

  /**
   * The CRC-32 of the jar's central directory, which lists every entry's name, size and CRC-32: a
   * tenth of the jar to read, and with the {@code RandomAccessFile} that the JDK's zip code has
   * loaded already, as this first JVM's every millisecond is on the run's time (2.4 ms for the thin
   * jar's 8,042 entries, 3.5 ms for the standalone jar's 14,459, in a cold JVM; through NIO's
   * channels, which this JVM had not loaded, 4 ms more).
   *
   * @throws IOException if the file has no zip end record, or its directory lies outside the file
   *     or is too large to read
   */
  static long contentFingerprint(Path jar) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(jar.toFile(), "r")) {
      long size = file.length();
      // The end record ends the file, after a comment of up to 65,535 bytes: most jars have none.
      byte[] tail = read(file, size - Math.min(size, END_LENGTH), size);
      if (tail.length < END_LENGTH || littleEndianInt(tail, 0) != END_SIGNATURE) {
        tail = read(file, size - Math.min(size, END_LENGTH + 0xffff), size);
      }
      for (int at = tail.length - END_LENGTH; at >= 0; at--) {
        if (littleEndianInt(tail, at) == END_SIGNATURE) {
          long length = littleEndianInt(tail, at + 12) & 0xffffffffL;
          long offset = littleEndianInt(tail, at + 16) & 0xffffffffL;
          if (length > MAX_DIRECTORY_BYTES || offset + length > size) {
            break;
          }
          CRC32 crc = new CRC32();
          crc.update(read(file, offset, offset + length));
          return crc.getValue();
        }
      }
      throw new IOException(jar + ": no zip directory to fingerprint");
    }
  }

  private static byte[] read(RandomAccessFile file, long from, long to) throws IOException {
    byte[] bytes = new byte[(int) (to - from)];
    file.seek(from);
    file.readFully(bytes);
    return bytes;
  }

  private static int littleEndianInt(byte[] bytes, int at) {
    return (bytes[at] & 0xff)
        | (bytes[at + 1] & 0xff) << 8
        | (bytes[at + 2] & 0xff) << 16
        | (bytes[at + 3] & 0xff) << 24;
  }

  private static String hash(String text) {
    return Integer.toHexString(text.hashCode());
  }
}
