package dev.provenanceaction.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test files of this repository (src/test/resources, on the test class path), so that a test
 * runs the same from a fresh clone, Maven or an IDE, whatever the working directory.
 */
public final class Fixtures {
  /** The repository's copy of the project's shared fixtures (its README names the sources). */
  public static final String SHARED = "shared-fixtures/";

  public static final String PUBLIC_GOOD_TRUSTED_ROOT =
      SHARED + "sigstore-trust/public-good-trusted_root.json";
  public static final String SLSA_GENERATOR_JSONL =
      SHARED + "slsa-github-generator-v2.1.0/binary-linux-amd64-push-v14.intoto.jsonl";
  public static final String SLSA_GENERATOR_ARTIFACT =
      SHARED + "slsa-github-generator-v2.1.0/binary-linux-amd64-push-v14";
  public static final String ATTEST_BUNDLE =
      SHARED + "actions-attest-build-provenance/a.txt.sigstore.json";
  public static final String ATTEST_ARTIFACT = SHARED + "actions-attest-build-provenance/a.txt";

  /** The SHA-256 of {@link #SLSA_GENERATOR_ARTIFACT}. */
  public static final String SLSA_SHA256 =
      "376e7e01348585b6e6643bc6663146b9d525d9b41228bf180eaeb4d4a3706caa";

  /** The SHA-256 of {@link #ATTEST_ARTIFACT}. */
  public static final String ATTEST_SHA256 =
      "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";

  /** The workflow that signed {@link #ATTEST_BUNDLE}. */
  public static final String ATTEST_SAN =
      "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main";

  /** The workflow that signed {@link #SLSA_GENERATOR_JSONL}. */
  public static final String SLSA_SAN =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
          + "generator_generic_slsa3.yml@refs/tags/v2.1.0";

  private Fixtures() {}

  /** The file at {@code relative} under src/test/resources; fails naming it when it is absent. */
  public static Path path(String relative) {
    URL url = Fixtures.class.getClassLoader().getResource(relative);
    if (url == null) {
      throw new IllegalStateException("no test file src/test/resources/" + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(url + " is not a file", e);
    }
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String relative) {
    return new String(bytes(relative), StandardCharsets.UTF_8);
  }
}
