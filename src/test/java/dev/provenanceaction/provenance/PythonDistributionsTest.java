package dev.provenanceaction.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.provenanceaction.subject.DigestAlgorithm;
import dev.provenanceaction.subject.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonDistributionsTest {
  private static Subject sha256(String name) {
    return new Subject(name, DigestAlgorithm.SHA256, "a".repeat(64));
  }

  @Test
  void picksWheelsAndSdistsNamedByFileName() {
    PythonDistributions selected =
        PythonDistributions.select(
            List.of(
                sha256("dist/pkg-1.0-py3-none-any.whl"),
                sha256("pkg-1.0.tar.gz"),
                sha256("pkg-1.0.zip"),
                sha256("pkg-1.0.spdx.json"),
                sha256("pkg-1.0.tar"),
                sha256("SHA256SUMS")));

    assertEquals(
        List.of(
            sha256("pkg-1.0-py3-none-any.whl"), sha256("pkg-1.0.tar.gz"), sha256("pkg-1.0.zip")),
        selected.distributions());
    assertEquals(
        List.of(sha256("pkg-1.0.spdx.json"), sha256("pkg-1.0.tar"), sha256("SHA256SUMS")),
        selected.others());
    assertEquals(
        "pkg-1.0.tar.gz.slsa.attestation",
        PythonDistributions.attestationFileName(selected.distributions().get(1)));
  }

  @Test
  void refusesOneFileNameTwice() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PythonDistributions.select(List.of(sha256("a/p.whl"), sha256("b/p.whl"))));
    assertEquals(
        "two subjects have the file name 'p.whl' ('a/p.whl' and 'b/p.whl'): PyPI names a"
            + " distribution by its file name, so they would share one attestation; give each"
            + " distribution once",
        e.getMessage());
  }

  @Test
  void refusesASha512Distribution() {
    Subject sha512 = new Subject("p.whl", DigestAlgorithm.SHA512, "b".repeat(128));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PythonDistributions.select(List.of(sha512)));
    assertEquals(
        "'p.whl' has a sha512 digest only: PyPI checks an attestation against the file's sha256;"
            + " give sha256sum output or digest-algorithm sha256",
        e.getMessage());
    assertEquals(
        List.of(new Subject("p.sha512", DigestAlgorithm.SHA512, "b".repeat(128))),
        PythonDistributions.select(
                List.of(new Subject("p.sha512", DigestAlgorithm.SHA512, "b".repeat(128))))
            .others(),
        "a sha512 subject that is no distribution is no problem");
  }
}
