package dev.provenanceaction.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
  @Test
  void splitsOnLineBreaksAndCommasButNotInsideGroups() throws SubjectException {
    List<Glob> globs = Glob.parseList("dist/*.{whl,tar.gz}, wheelhouse/*\r\n\n  !dist/*.txt  ,");
    assertEquals(
        List.of("dist/*.{whl,tar.gz}", "wheelhouse/*", "!dist/*.txt"),
        globs.stream().map(Glob::text).toList());
    assertTrue(globs.get(2).exclusion());
  }

  @Test
  void commaInsideACharacterClassBelongsToThePattern() throws SubjectException {
    List<Glob> globs = Glob.parseList("dist/[,a]*");
    assertEquals(1, globs.size());
    assertTrue(globs.get(0).rest().matcher(",x").matches());
  }

  @ParameterizedTest
  @CsvSource({
    "dist/*, dist, *",
    "./dist//*.whl, dist, *.whl",
    "**/*.whl, '', **/*.whl",
    "out/linux/**/*.whl, out/linux, **/*.whl",
    "a/b/../c/*, a/c, *",
    "dist/pkg-[0-9]*/*.whl, dist, pkg-[0-9]*/*.whl",
  })
  void baseIsTheDirectoriesBeforeTheFirstWildcard(String pattern, String base, String rest)
      throws SubjectException {
    Glob glob = Glob.parse(pattern);
    assertEquals(base, glob.base());
    assertEquals(Glob.parse(rest).rest().pattern(), glob.rest().pattern());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "* | pkg.whl | true",
        "* | .hidden | true",
        "* | sub/pkg.whl | false",
        "*.whl | pkg.tar.gz | false",
        "**/*.whl | pkg.whl | true",
        "**/*.whl | a/b/pkg.whl | true",
        "**/*.whl | a/b/pkg.tar.gz | false",
        "** | a/b/c | true",
        "a/**/b | a/b | true",
        "a/**/b | a/x/y/b | true",
        "a/**/b | ab | false",
        "pkg-?.whl | pkg-1.whl | true",
        "pkg-?.whl | pkg-10.whl | false",
        "pkg-[0-9].whl | pkg-7.whl | true",
        "pkg-[!0-9].whl | pkg-7.whl | false",
        "pkg-[!0-9].whl | pkg-x.whl | true",
        "pkg-[^0-9].whl | pkg-x.whl | true",
        "*.{whl,tar.gz} | pkg.tar.gz | true",
        "*.{whl,tar.gz} | pkg.zip | false",
        "pkg{-*,}.whl | pkg-1.whl | true",
        "pkg{-*,}.whl | pkg.whl | true",
        "\\*.whl | *.whl | true",
        "\\*.whl | a.whl | false",
        "(a)+$.whl | (a)+$.whl | true",
        "[+-0]x | /x | false",
      })
  void matchesLikeTheRunnersGlobs(String pattern, String path, boolean matches)
      throws SubjectException {
    assertEquals(matches, Glob.parse(pattern).rest().matcher(path).matches(), pattern);
  }

  @Test
  void literalPatternKeepsItsLastSegmentAsTheName() throws SubjectException {
    Glob glob = Glob.parse("dist/pkg\\*.whl");
    assertTrue(glob.literal());
    assertEquals("dist", glob.base());
    assertEquals("pkg*.whl", glob.literalName());
    assertFalse(Glob.parse("dist/*").literal());
  }

  @Test
  void exclusionMatchesFilesAndEverythingUnderADirectory() throws SubjectException {
    assertTrue(Glob.parse("!dist/*.txt").matchesWorkspacePath("dist/notes.txt"));
    assertFalse(Glob.parse("!dist/*.txt").matchesWorkspacePath("dist/sub/notes.txt"));
    assertFalse(Glob.parse("!dist/*.txt").matchesWorkspacePath("other/notes.txt"));
    assertTrue(Glob.parse("!dist/debug").matchesWorkspacePath("dist/debug/a/b.whl"));
    assertTrue(Glob.parse("!**/*.txt").matchesWorkspacePath("a/b/notes.txt"));
    assertFalse(Glob.parse("!dist/*").matchesWorkspacePath("distx/a"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/etc/passwd | '/etc/passwd' is not relative to the workspace",
        "~/dist/* | '~/dist/*' is not relative to the workspace",
        "../other/* | '../other/*' leads outside the workspace",
        "dist/../../x | 'dist/../../x' leads outside the workspace",
        "dist/*/../x | 'dist/*/../x' has '..' after a wildcard",
        "! | '!' excludes nothing",
        ". | '.' is the workspace itself",
        "dist/*.{whl | 'dist/*.{whl' has a '{' without its '}'",
        "dist/*}.whl | 'dist/*}.whl' has a '}' without its '{'",
        "dist/[a-*.whl | 'dist/[a-*.whl' has a '[' without its ']'",
      })
  void refusesPatternsThatCannotNameWorkspaceFiles(String pattern, String message) {
    SubjectException e = assertThrows(SubjectException.class, () -> Glob.parse(pattern));
    assertTrue(e.getMessage().startsWith("subject-path: " + message), e.getMessage());
  }
}
