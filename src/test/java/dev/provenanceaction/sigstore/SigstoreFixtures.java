package dev.provenanceaction.sigstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real Sigstore documents under the shared fixtures directory. */
public final class SigstoreFixtures {
  public static final String PUBLIC_GOOD_TRUSTED_ROOT =
      "sigstore-trust/public-good-trusted_root.json";
  public static final String SLSA_GENERATOR_JSONL =
      "slsa-github-generator-v2.1.0/binary-linux-amd64-push-v14.intoto.jsonl";
  public static final String ATTEST_BUNDLE = "actions-attest-build-provenance/a.txt.sigstore.json";

  private SigstoreFixtures() {}

  public static Path path(String relative) {
    String shared = System.getenv("SHARED_DIR");
    return Path.of(shared == null ? "../shared" : shared, "fixtures").resolve(relative);
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
