package dev.provenanceaction.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UniqueSubjectsTest {
  private static Subject subject(String name, char digit) {
    return new Subject(name, DigestAlgorithm.SHA256, String.valueOf(digit).repeat(64));
  }

  private static void add(UniqueSubjects subjects, Subject subject, int lineNumber)
      throws SubjectException {
    subjects.add(subject, subject.name().hashCode(), lineNumber);
  }

  @Test
  void keepsOrderAndFoldsRepeatsAcrossManyGrowths() throws SubjectException {
    UniqueSubjects subjects = new UniqueSubjects();
    List<Subject> expected = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Subject subject = subject("dist/file-" + i + ".whl", 'a');
      expected.add(subject);
      add(subjects, subject, i + 1);
    }
    for (int i = 0; i < 10_000; i += 7) {
      add(subjects, subject("dist/file-" + i + ".whl", 'a'), 20_000 + i);
    }

    assertEquals(expected, subjects.list());
  }

  @Test
  void tellsNamesWithTheSameHashApart() throws SubjectException {
    // "Aa" and "BB" have the same String hash: they probe the same slots.
    UniqueSubjects subjects = new UniqueSubjects();
    add(subjects, subject("Aa", 'a'), 1);
    add(subjects, subject("BB", 'b'), 2);
    add(subjects, subject("BB", 'b'), 3);

    SubjectException e =
        assertThrows(SubjectException.class, () -> add(subjects, subject("BB", 'c'), 4));

    assertEquals(List.of(subject("Aa", 'a'), subject("BB", 'b')), subjects.list());
    assertEquals(
        "line 4: 'BB' is listed again with a different digest (first on line 2)", e.getMessage());
  }

  @Test
  void namesTheFirstLineOfANameAddedBeforeTheTableGrew() throws SubjectException {
    UniqueSubjects subjects = new UniqueSubjects();
    for (int i = 0; i < 1_000; i++) {
      add(subjects, subject("f" + i, 'a'), 10 + i);
    }

    SubjectException e =
        assertThrows(SubjectException.class, () -> add(subjects, subject("f3", 'b'), 2_000));

    assertEquals(
        "line 2000: 'f3' is listed again with a different digest (first on line 13)",
        e.getMessage());
  }
}
