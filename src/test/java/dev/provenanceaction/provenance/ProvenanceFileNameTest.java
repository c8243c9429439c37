package dev.provenanceaction.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.provenanceaction.subject.DigestAlgorithm;
import dev.provenanceaction.subject.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceFileNameTest {
  private static Subject subject(String name) {
    return new Subject(name, DigestAlgorithm.SHA256, "0".repeat(64));
  }

  private static String rejection(String name) {
    return assertThrows(IllegalArgumentException.class, () -> ProvenanceFileName.parse(name))
        .getMessage();
  }

  @Test
  void acceptsPlainNamesEndingInIntotoJsonl() {
    assertEquals("pkg-1.0.intoto.jsonl", ProvenanceFileName.parse("pkg-1.0.intoto.jsonl").value());
    assertEquals("ü x.intoto.jsonl", ProvenanceFileName.parse("ü x.intoto.jsonl").toString());
  }

  @Test
  void rejectsEmptyName() {
    assertEquals("the provenance file name is empty", rejection(""));
    assertEquals("the provenance file name is empty", rejection(null));
  }

  @Test
  void rejectsOtherSuffixes() {
    assertEquals(
        "the provenance file name 'pkg.jsonl' must end in .intoto.jsonl", rejection("pkg.jsonl"));
  }

  @Test
  void rejectsPaths() {
    assertEquals(
        "the provenance file name '../x.intoto.jsonl' must be a plain file name, without '/': it is"
            + " written to the workspace and uploaded as a release asset",
        rejection("../x.intoto.jsonl"));
    assertEquals(
        "the provenance file name 'a\\x.intoto.jsonl' must be a plain file name, without '\\': it"
            + " is written to the workspace and uploaded as a release asset",
        rejection("a\\x.intoto.jsonl"));
  }

  @Test
  void rejectsControlCharacters() {
    assertEquals(
        "the provenance file name contains the control character U+000A",
        rejection("a\n.intoto.jsonl"));
    assertEquals(
        "the provenance file name contains the control character U+0000",
        rejection("a/\u0000.intoto.jsonl"));
  }

  @Test
  void rejectsNoNameBeforeTheSuffix() {
    for (String name : List.of(".intoto.jsonl", " .intoto.jsonl", "..intoto.jsonl")) {
      assertEquals(
          "the provenance file name '" + name + "' needs a name before .intoto.jsonl",
          rejection(name));
    }
    assertEquals(
        "the provenance file name '...intoto.jsonl' needs a name before .intoto.jsonl",
        rejection("...intoto.jsonl"));
  }

  @Test
  void acceptsNamesOf255Bytes() {
    String name = "é".repeat(121) + ".intoto.jsonl";

    assertEquals(name, ProvenanceFileName.parse(name).value());
  }

  @Test
  void rejectsNamesLongerThanAFileSystemAllows() {
    String name = "é".repeat(122) + ".intoto.jsonl";

    assertEquals("the provenance file name is longer than 255 bytes: " + name, rejection(name));
  }

  @Test
  void defaultsToTheBaseNameOfTheOnlySubject() {
    assertEquals(
        new ProvenanceFileName("pkg-1.0-py3-none-any.whl.intoto.jsonl"),
        ProvenanceFileName.defaultFor(List.of(subject("dist/pkg-1.0-py3-none-any.whl"))));
    assertEquals(
        new ProvenanceFileName("a.txt.intoto.jsonl"),
        ProvenanceFileName.defaultFor(List.of(subject("a.txt"))));
  }

  @Test
  void defaultsToMultipleForSeveralSubjects() {
    assertEquals(
        new ProvenanceFileName("multiple.intoto.jsonl"),
        ProvenanceFileName.defaultFor(List.of(subject("a"), subject("b"))));
  }

  @Test
  void hasNoDefaultWithoutSubjects() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ProvenanceFileName.defaultFor(List.of()));

    assertEquals("no subjects to name the provenance file after", e.getMessage());
  }

  @Test
  void defaultIsCheckedLikeAGivenName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProvenanceFileName.defaultFor(List.of(subject("dist\\a.whl"))));

    assertEquals(
        "the provenance file name 'dist\\a.whl.intoto.jsonl' must be a plain file name, without"
            + " '\\': it is written to the workspace and uploaded as a release asset",
        e.getMessage());
  }
}
