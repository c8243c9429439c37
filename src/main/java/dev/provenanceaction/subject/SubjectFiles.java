package dev.provenanceaction.subject;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the {@code subject-path} input into subjects: the files its globs match in the workspace,
 * each hashed once, sorted by name.
 *
 * <p>A subject's name is the file's path relative to its pattern's base, the directories before the
 * first wildcard: {@code dist/*} names {@code dist/pkg.whl} {@code pkg.whl}, as PyPI and the
 * release list it, while {@code **}{@code /*.whl} keeps the directories. A pattern without
 * wildcards names one file, or a directory, meaning every file under it. Patterns starting with
 * {@code !} exclude what they match, wherever they stand in the list; excluding a directory
 * excludes its files.
 *
 * <p>Directories and other non-regular files are skipped. A symbolic link is followed only when it
 * leads to a file inside the workspace; links to directories are not descended into. Any other
 * link, a pattern that leaves the workspace or matches no file, and two different files that would
 * get the same name are errors, since the provenance would then not say which bytes it speaks for.
 */
public final class SubjectFiles {
  private SubjectFiles() {}

  /**
   * The subjects that the patterns match, sorted by name.
   *
   * @param workspace the directory patterns are relative to ({@code GITHUB_WORKSPACE})
   * @param patterns globs separated by line breaks or commas, as the input holds them
   * @param algorithm the digest to compute
   * @throws SubjectException if a pattern is invalid, leaves the workspace or matches nothing, a
   *     symbolic link leads outside the workspace, two files would share a name, or a file cannot
   *     be read
   */
  public static List<Subject> resolve(Path workspace, String patterns, DigestAlgorithm algorithm)
      throws SubjectException {
    List<Glob> globs = Glob.parseList(patterns);
    List<Glob> exclusions = globs.stream().filter(Glob::exclusion).toList();
    List<Glob> inclusions = globs.stream().filter(glob -> !glob.exclusion()).toList();
    if (inclusions.isEmpty()) {
      throw new SubjectException(
          "subject-path names no files: give at least one pattern such as 'dist/*'");
    }
    Path root = realWorkspace(workspace);
    Map<String, List<MatchedFile>> byName = new TreeMap<>();
    Map<Path, Long> sizeByFile = new LinkedHashMap<>();
    for (Glob glob : inclusions) {
      List<MatchedFile> matches = new WorkspaceWalk(root, glob).matches();
      if (matches.isEmpty()) {
        throw new SubjectException("subject-path: '" + glob.text() + "' matches no file");
      }
      for (MatchedFile match : matches) {
        if (exclusions.stream()
            .noneMatch(exclusion -> exclusion.matchesWorkspacePath(match.shown()))) {
          checkName(match);
          byName.computeIfAbsent(match.name(), name -> new ArrayList<>()).add(match);
          sizeByFile.put(match.file(), match.size());
        }
      }
    }
    if (byName.isEmpty()) {
      throw new SubjectException(
          "subject-path: every file the patterns match is excluded by a '!' pattern");
    }
    Map<Path, String> digests = FileHasher.digestAll(sizeByFile, algorithm);
    List<Subject> subjects = new ArrayList<>(byName.size());
    for (Map.Entry<String, List<MatchedFile>> entry : byName.entrySet()) {
      List<MatchedFile> files = entry.getValue();
      String digest = digests.get(files.get(0).file());
      for (MatchedFile other : files) {
        if (!digests.get(other.file()).equals(digest)) {
          throw new SubjectException(
              "subject-path: '"
                  + files.get(0).shown()
                  + "' and '"
                  + other.shown()
                  + "' would both be the subject '"
                  + entry.getKey()
                  + "' but differ; narrow the patterns so that each name means one file");
        }
      }
      subjects.add(new Subject(entry.getKey(), algorithm, digest));
    }
    return subjects;
  }

  private static Path realWorkspace(Path workspace) throws SubjectException {
    try {
      Path root = workspace.toRealPath();
      if (!Files.isDirectory(root)) {
        throw new SubjectException("the workspace '" + workspace + "' is not a directory");
      }
      return root;
    } catch (IOException e) {
      throw new SubjectException("the workspace '" + workspace + "' cannot be read: " + e, e);
    }
  }

  private static void checkName(MatchedFile match) throws SubjectException {
    for (int i = 0; i < match.name().length(); i++) {
      if (Character.isISOControl(match.name().charAt(i))) {
        throw new SubjectException(
            "subject-path: the file name '"
                + match.shown().replaceAll("\\p{Cntrl}", "?")
                + "' contains a control character, which would change how the release and logs"
                + " show it; rename the file");
      }
    }
  }

  /**
   * One file a pattern matched.
   *
   * @param name the subject name, relative to the pattern's base
   * @param shown the path relative to the workspace, as the user wrote it, for messages
   * @param file the real path to read, links resolved
   * @param size its size in bytes
   */
  private record MatchedFile(String name, String shown, Path file, long size) {}

  /** The files one inclusion pattern matches. */
  private static final class WorkspaceWalk {
    private final Path root;
    private final Glob glob;
    private final List<MatchedFile> matches = new ArrayList<>();

    WorkspaceWalk(Path root, Glob glob) {
      this.root = root;
      this.glob = glob;
    }

    List<MatchedFile> matches() throws SubjectException {
      String basePrefix = glob.base().isEmpty() ? "" : glob.base() + "/";
      Path base = insideWorkspace(root.resolve(glob.base()), glob.base());
      if (base == null || !Files.isDirectory(base)) {
        return matches;
      }
      if (!glob.literal()) {
        walk(base, basePrefix, glob.maxDepth(), true);
        return matches;
      }
      Path named = base.resolve(glob.literalName());
      String shown = basePrefix + glob.literalName();
      Path target = insideWorkspace(named, shown);
      if (target == null) {
        return matches;
      }
      if (Files.isDirectory(target)) {
        walk(target, shown + "/", Integer.MAX_VALUE, false);
      } else {
        try {
          add(
              named,
              Files.readAttributes(named, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS),
              glob.literalName(),
              shown);
        } catch (SubjectIoException e) {
          throw e.subjectException;
        } catch (IOException e) {
          throw new SubjectException("subject-path: cannot read '" + shown + "': " + e, e);
        }
      }
      return matches;
    }

    /**
     * Walks {@code start} without following links, taking the files the glob matches, or every file
     * unless {@code filtered}; names are relative to {@code start}.
     */
    private void walk(Path start, String shownPrefix, int maxDepth, boolean filtered)
        throws SubjectException {
      try {
        Files.walkFileTree(
            start,
            EnumSet.noneOf(FileVisitOption.class),
            maxDepth,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                  throws IOException {
                String relative = start.relativize(file).toString();
                if (!filtered || glob.rest().matcher(relative).matches()) {
                  add(file, attributes, relative, shownPrefix + relative);
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                throw e;
              }
            });
      } catch (SubjectIoException e) {
        throw e.subjectException;
      } catch (IOException e) {
        throw new SubjectException(
            "subject-path: could not list the files for '" + glob.text() + "': " + e, e);
      }
    }

    /** Adds a regular file, or the file a link inside the workspace leads to; skips the rest. */
    private void add(Path file, BasicFileAttributes attributes, String name, String shown)
        throws IOException {
      if (attributes.isRegularFile()) {
        matches.add(new MatchedFile(name, shown, file, attributes.size()));
        return;
      }
      if (!attributes.isSymbolicLink()) {
        return;
      }
      Path target;
      try {
        target = insideWorkspace(file, shown);
      } catch (SubjectException e) {
        throw new SubjectIoException(e);
      }
      if (target == null) {
        throw new SubjectIoException(
            new SubjectException(
                "subject-path: '" + shown + "' is a symbolic link to a file that does not exist"));
      }
      BasicFileAttributes targetAttributes =
          Files.readAttributes(target, BasicFileAttributes.class);
      if (targetAttributes.isRegularFile()) {
        matches.add(new MatchedFile(name, shown, target, targetAttributes.size()));
      }
    }

    /**
     * The real path of {@code path}, or null if nothing is there.
     *
     * @throws SubjectException if a symbolic link takes it outside the workspace
     */
    private Path insideWorkspace(Path path, String shown) throws SubjectException {
      Path real;
      try {
        real = path.toRealPath();
      } catch (NoSuchFileException e) {
        return null;
      } catch (IOException e) {
        throw new SubjectException("subject-path: cannot read '" + shown + "': " + e, e);
      }
      if (!real.startsWith(root)) {
        throw new SubjectException(
            "subject-path: '"
                + shown
                + "' is a symbolic link, or lies under one, that leads to '"
                + real
                + "' outside the workspace; only links to files inside the workspace are"
                + " followed");
      }
      return real;
    }
  }

  /** Carries a {@link SubjectException} out of a {@link java.nio.file.FileVisitor}. */
  private static final class SubjectIoException extends IOException {
    private final transient SubjectException subjectException;

    SubjectIoException(SubjectException subjectException) {
      super(subjectException);
      this.subjectException = subjectException;
    }
  }
}
