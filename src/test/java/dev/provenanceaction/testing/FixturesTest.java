package dev.provenanceaction.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixturesTest {
  /** Where Maven (or an IDE) puts src/test/resources: inside the clone, whatever sits beside it. */
  private static final Path TEST_CLASSES = Path.of("target/test-classes").toAbsolutePath();

  @Test
  void findsEveryNamedFixtureInTheRepositorysOwnCopy() throws Exception {
    for (String fixture :
        List.of(
            Fixtures.PUBLIC_GOOD_TRUSTED_ROOT,
            Fixtures.SLSA_GENERATOR_JSONL,
            Fixtures.SLSA_GENERATOR_ARTIFACT,
            Fixtures.ATTEST_BUNDLE,
            Fixtures.ATTEST_ARTIFACT)) {
      Path path = Fixtures.path(fixture);
      assertTrue(Files.isRegularFile(path), path.toString());
      assertTrue(path.toRealPath().startsWith(TEST_CLASSES.toRealPath()), path.toString());
    }
  }

  @Test
  void readsTheBytesOfTheFile() throws Exception {
    byte[] artifact = Fixtures.bytes(Fixtures.SLSA_GENERATOR_ARTIFACT);

    assertEquals(
        "376e7e01348585b6e6643bc6663146b9d525d9b41228bf180eaeb4d4a3706caa", Sha256.hex(artifact));
    assertTrue(Fixtures.text(Fixtures.ATTEST_ARTIFACT).contains("this is \"a.txt\""));
  }

  @Test
  void namesAMissingFile() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Fixtures.path("shared-fixtures/absent"));

    assertEquals("no test file src/test/resources/shared-fixtures/absent", e.getMessage());
  }
}
