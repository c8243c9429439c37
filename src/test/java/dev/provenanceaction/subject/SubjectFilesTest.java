package dev.provenanceaction.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.provenanceaction.testing.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectFilesTest {
  @TempDir Path workspace;

  @Test
  void namesAreRelativeToThePatternsBaseAndSorted() throws Exception {
    write("dist/pkg-1.0.tar.gz", "sdist");
    write("dist/pkg-1.0-py3-none-any.whl", "wheel");
    write("dist/sub/nested.whl", "not matched by dist/*");

    assertEquals(
        List.of(subject("pkg-1.0-py3-none-any.whl", "wheel"), subject("pkg-1.0.tar.gz", "sdist")),
        SubjectFiles.resolve(workspace, "dist/*", DigestAlgorithm.SHA256));
  }

  @Test
  void doubleStarKeepsTheDirectoriesBelowTheBase() throws Exception {
    write("top.whl", "top");
    write("out/linux/a.whl", "a");
    write("out/mac/arm/b.whl", "b");
    write("out/mac/arm/b.txt", "text");

    assertEquals(
        List.of(
            subject("out/linux/a.whl", "a"),
            subject("out/mac/arm/b.whl", "b"),
            subject("top.whl", "top")),
        SubjectFiles.resolve(workspace, "**/*.whl", DigestAlgorithm.SHA256));
    assertEquals(
        List.of(subject("linux/a.whl", "a"), subject("mac/arm/b.whl", "b")),
        SubjectFiles.resolve(workspace, "out/**/*.whl", DigestAlgorithm.SHA256));
  }

  @Test
  void exclusionsApplyWhereverTheyStand() throws Exception {
    write("dist/pkg.whl", "wheel");
    write("dist/notes.txt", "notes");
    write("dist/debug/symbols.whl", "debug");

    assertEquals(
        List.of(subject("dist/pkg.whl", "wheel")),
        SubjectFiles.resolve(workspace, "!dist/*.txt\n**/*\n!dist/debug", DigestAlgorithm.SHA256));
    assertEquals(
        List.of(subject("debug/symbols.whl", "debug"), subject("pkg.whl", "wheel")),
        SubjectFiles.resolve(workspace, "dist/**, !dist/*.txt", DigestAlgorithm.SHA256));
  }

  @Test
  void literalPathNamesOneFileOrEveryFileUnderADirectory() throws Exception {
    write("dist/pkg.whl", "wheel");
    write("dist/sub/extra.tar.gz", "extra");

    assertEquals(
        List.of(subject("pkg.whl", "wheel")),
        SubjectFiles.resolve(workspace, "dist/pkg.whl", DigestAlgorithm.SHA256));
    assertEquals(
        List.of(subject("pkg.whl", "wheel"), subject("sub/extra.tar.gz", "extra")),
        SubjectFiles.resolve(workspace, "dist", DigestAlgorithm.SHA256));
  }

  @Test
  void directoriesAreSkipped() throws Exception {
    write("dist/pkg.whl", "wheel");
    Files.createDirectories(workspace.resolve("dist/build.whl"));

    assertEquals(
        List.of(subject("pkg.whl", "wheel")),
        SubjectFiles.resolve(workspace, "dist/*.whl", DigestAlgorithm.SHA256));
  }

  @Test
  void sha512() throws Exception {
    write("dist/pkg.whl", "wheel");

    assertEquals(
        List.of(new Subject("pkg.whl", DigestAlgorithm.SHA512, hex("SHA-512", "wheel"))),
        SubjectFiles.resolve(workspace, "dist/*", DigestAlgorithm.SHA512));
  }

  @Test
  void manyFilesAreHashedInParallelWithTheRightDigests() throws Exception {
    byte[] big = new byte[3 * FileHasher.BUFFER_BYTES + 17];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    Files.createDirectories(workspace.resolve("dist"));
    Files.write(workspace.resolve("dist/big.bin"), big);
    Files.write(workspace.resolve("dist/empty.bin"), new byte[0]);
    for (int i = 0; i < 200; i++) {
      write("dist/f" + i + ".bin", "file " + i);
    }

    List<Subject> subjects = SubjectFiles.resolve(workspace, "dist/*", DigestAlgorithm.SHA256);

    assertEquals(202, subjects.size());
    for (Subject subject : subjects) {
      byte[] content = Files.readAllBytes(workspace.resolve("dist").resolve(subject.name()));
      assertEquals(Sha256.hex(content), subject.digest(), subject.name());
    }
  }

  @Test
  void linkToAFileInsideTheWorkspaceIsFollowed() throws Exception {
    write("build/pkg.whl", "wheel");
    Files.createDirectories(workspace.resolve("dist"));
    Files.createSymbolicLink(workspace.resolve("dist/pkg.whl"), Path.of("../build/pkg.whl"));
    Files.createSymbolicLink(workspace.resolve("dist/build"), Path.of("../build"));

    assertEquals(
        List.of(subject("pkg.whl", "wheel")),
        SubjectFiles.resolve(workspace, "dist/*", DigestAlgorithm.SHA256));
  }

  @Test
  void refusesALinkLeadingOutsideTheWorkspace(@TempDir Path outside) throws Exception {
    Files.writeString(outside.resolve("secret"), "secret");
    write("dist/pkg.whl", "wheel");
    Files.createSymbolicLink(workspace.resolve("dist/evil.whl"), outside.resolve("secret"));

    assertMessage(
        "subject-path: 'dist/evil.whl' is a symbolic link, or lies under one, that leads to '"
            + outside.toRealPath().resolve("secret")
            + "' outside the workspace; only links to files inside the workspace are followed",
        "dist/*");
  }

  @Test
  void refusesABaseDirectoryLinkedOutsideTheWorkspace(@TempDir Path outside) throws Exception {
    Files.writeString(outside.resolve("pkg.whl"), "wheel");
    Files.createSymbolicLink(workspace.resolve("dist"), outside);

    assertMessage(
        "subject-path: 'dist' is a symbolic link, or lies under one, that leads to '"
            + outside.toRealPath()
            + "' outside the workspace; only links to files inside the workspace are followed",
        "dist/*");
  }

  @Test
  void refusesADanglingLink() throws Exception {
    Files.createDirectories(workspace.resolve("dist"));
    Files.createSymbolicLink(workspace.resolve("dist/gone.whl"), Path.of("missing.whl"));

    assertMessage(
        "subject-path: 'dist/gone.whl' is a symbolic link to a file that does not exist", "dist/*");
  }

  @Test
  void refusesAbsoluteAndEscapingPatterns() {
    assertMessage(
        "subject-path: '/etc/*' is not relative to the workspace; write it as the path under"
            + " GITHUB_WORKSPACE, e.g. 'dist/*'",
        "/etc/*");
    assertMessage(
        "subject-path: '../*' leads outside the workspace; only files inside it can be subjects",
        "dist/*\n../*");
  }

  @Test
  void aPatternMatchingNothingIsNamed() throws Exception {
    write("dist/pkg.whl", "wheel");

    assertMessage("subject-path: 'dist/*.tar.gz' matches no file", "dist/*.whl, dist/*.tar.gz");
    assertMessage("subject-path: 'nowhere/*' matches no file", "nowhere/*");
    assertMessage("subject-path: 'dist/other.whl' matches no file", "dist/other.whl");
  }

  @Test
  void everythingExcludedOrOnlyExclusions() throws Exception {
    write("dist/notes.txt", "notes");

    assertMessage(
        "subject-path: every file the patterns match is excluded by a '!' pattern",
        "dist/*, !**/*.txt");
    assertMessage(
        "subject-path names no files: give at least one pattern such as 'dist/*'", "!dist/*");
    assertMessage(
        "subject-path names no files: give at least one pattern such as 'dist/*'", " \n, ");
  }

  @Test
  void sameNameForDifferentFilesIsRefused() throws Exception {
    write("dist/pkg.whl", "one");
    write("wheelhouse/pkg.whl", "two");

    assertMessage(
        "subject-path: 'dist/pkg.whl' and 'wheelhouse/pkg.whl' would both be the subject"
            + " 'pkg.whl' but differ; narrow the patterns so that each name means one file",
        "dist/*, wheelhouse/*");
  }

  @Test
  void sameNameForIdenticalFilesIsOneSubject() throws Exception {
    write("dist/pkg.whl", "same");
    write("wheelhouse/pkg.whl", "same");

    assertEquals(
        List.of(subject("pkg.whl", "same")),
        SubjectFiles.resolve(workspace, "dist/*, wheelhouse/*", DigestAlgorithm.SHA256));
  }

  @Test
  void overlappingPatternsGiveEachFileOnce() throws Exception {
    write("dist/pkg.whl", "wheel");
    write("dist/pkg.tar.gz", "sdist");

    assertEquals(
        List.of(subject("pkg.tar.gz", "sdist"), subject("pkg.whl", "wheel")),
        SubjectFiles.resolve(workspace, "dist/*.whl\ndist/pkg*\ndist/*", DigestAlgorithm.SHA256));
  }

  @Test
  void refusesANameWithAControlCharacter() throws Exception {
    write("dist/bad\nname.whl", "x");

    assertMessage(
        "subject-path: the file name 'dist/bad?name.whl' contains a control character, which would"
            + " change how the release and logs show it; rename the file",
        "dist/*");
  }

  @Test
  void missingWorkspace() {
    Path missing = workspace.resolve("missing");
    SubjectException e =
        assertThrows(
            SubjectException.class,
            () -> SubjectFiles.resolve(missing, "dist/*", DigestAlgorithm.SHA256));
    assertEquals(
        "the workspace '"
            + missing
            + "' cannot be read: java.nio.file.NoSuchFileException: "
            + missing,
        e.getMessage());
  }

  private void assertMessage(String message, String patterns) {
    SubjectException e =
        assertThrows(
            SubjectException.class,
            () -> SubjectFiles.resolve(workspace, patterns, DigestAlgorithm.SHA256));
    assertEquals(message, e.getMessage());
  }

  private void write(String path, String content) throws IOException {
    Path file = workspace.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static Subject subject(String name, String content) throws NoSuchAlgorithmException {
    return new Subject(name, DigestAlgorithm.SHA256, hex("SHA-256", content));
  }

  private static String hex(String algorithm, String content) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance(algorithm).digest(content.getBytes(StandardCharsets.UTF_8)));
  }
}
