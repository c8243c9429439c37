package dev.provenanceaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.testing.CommandRun;
import dev.provenanceaction.testing.OwnSigstore;
import dev.provenanceaction.testing.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-bundle takes a blob bundle ({@code messageSignature} with a {@code hashedrekord} entry)
 * for a file or {@code --digest}, and reports it. (What the checks make of blob bundles is in
 * {@code verify/BlobBundleTest}.)
 */
class BlobBundleCommandTest {
  private static final byte[] BLOB = "a release tarball\n".getBytes(StandardCharsets.UTF_8);
  private static final String ISSUER = "https://token.actions.githubusercontent.com";

  @TempDir Path temp;

  private final OwnSigstore own = new OwnSigstore();

  @Test
  void verifyBundleAcceptsTheSignedFile() throws Exception {
    CommandRun run = verifyBundle(OwnSigstore.toJson(own.signBlob(BLOB)), OwnSigstore.SAN, blob());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("PASSED: " + blob() + " (sha256:" + Sha256.hex(BLOB) + ")"));
    assertTrue(run.out().contains("signed by " + OwnSigstore.SAN), run.out());
  }

  @Test
  void verifyBundleAcceptsTheSignedDigestAndReportsNoStatement() throws Exception {
    CommandRun run =
        verifyBundle(
            OwnSigstore.toJson(own.signBlob(BLOB)),
            OwnSigstore.SAN,
            "--json",
            "--digest",
            "sha256:" + Sha256.hex(BLOB));

    assertEquals(0, run.exitCode(), run.err());
    JsonNode artifact = new ObjectMapper().readTree(run.out()).path("artifacts").path(0);
    assertTrue(artifact.path("verified").asBoolean());
    assertEquals(OwnSigstore.SAN, artifact.path("subjectAlternativeName").asText());
    assertFalse(artifact.has("statementType"), run.out());
  }

  private String blob() throws IOException {
    Path path = temp.resolve("release.tar.gz");
    if (!Files.exists(path)) {
      Files.write(path, BLOB);
    }
    return path.toString();
  }

  private CommandRun verifyBundle(String bundleJson, String identity, String... rest)
      throws IOException {
    Path root = Files.write(temp.resolve("trusted_root.json"), own.trustedRoot().toJson());
    Path bundle = Files.writeString(temp.resolve("release.tar.gz.sigstore.json"), bundleJson);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--offline",
                "--trusted-root",
                root.toString(),
                "--bundle",
                bundle.toString(),
                "--certificate-identity",
                identity,
                "--certificate-oidc-issuer",
                ISSUER));
    args.addAll(List.of(rest));
    return CommandRun.verifyBundleExactly(args);
  }
}
