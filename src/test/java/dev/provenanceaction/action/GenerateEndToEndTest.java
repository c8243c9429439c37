package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.LoopbackSigstore;
import dev.provenanceaction.verify.BundleVerifier;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.VerificationOptions.CertificateMatcher;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.strings.StringMatcher;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action as the runner runs it, against the loopback OIDC endpoint, Fulcio (gRPC, TLS) and
 * Rekor (HTTPS); the bundles it writes are kept under {@code target/e2e-bundles} for sigstore-js.
 */
class GenerateEndToEndTest {
  private static final String WHEEL = "octo_pkg-1.2.3-py3-none-any.whl";
  private static final String SDIST = "octo_pkg-1.2.3.tar.gz";
  private static final String WHEEL_SHA256 = "a".repeat(64);
  private static final String SDIST_SHA256 = "b".repeat(64);
  private static final String SUMS =
      WHEEL_SHA256 + "  " + WHEEL + "\n" + SDIST_SHA256 + " *" + SDIST + "\n";

  @TempDir Path temp;
  private LoopbackSigstore sigstore;

  @BeforeEach
  void startSigstore() {
    sigstore = LoopbackSigstore.start(temp.resolve("sigstore"));
    sigstore.oidc().setClaims(ActionRun.claims("public"));
  }

  @AfterEach
  void stopSigstore() {
    sigstore.close();
  }

  private ActionRun action() {
    return new ActionRun(temp.resolve("run"))
        .env(sigstore.oidcEnvironment())
        .input("sigstore", sigstore.directory().toString())
        .input("subject-base64", base64(SUMS))
        .input("upload-assets", "false");
  }

  @Test
  void signsVerifiesWritesAndReports() throws Exception {
    ActionRun run = action().run();

    assertEquals(0, run.exitCode(), run.stdout());
    Path provenance = run.workspace().resolve("multiple.intoto.jsonl");
    assertEquals(
        String.join(
            "\n",
            "provenance-name=multiple.intoto.jsonl",
            "provenance-path=" + provenance,
            "subject-count=2",
            "rekor-log-index=0",
            ""),
        run.outputs());
    List<String> lines = Files.readAllLines(provenance);
    assertEquals(1, lines.size());
    SigstoreBundle bundle = SigstoreBundle.parse(lines.get(0));
    BundleVerifier.create(TrustedRoot.parse(Files.readAllBytes(sigstore.trustedRoot())))
        .verify(bundle);
    verifyWithSigstoreJava(lines.get(0), HexFormat.of().parseHex(WHEEL_SHA256));

    JsonNode statement = new ObjectMapper().readTree(bundle.envelope().payload());
    assertEquals(WHEEL, statement.at("/subject/0/name").asText());
    assertEquals(SDIST, statement.at("/subject/1/name").asText(), "binary-mode '*' is stripped");
    assertEquals(
        "https://github.com/" + ActionRun.WORKFLOW_REF,
        statement.at("/predicate/runDetails/builder/id").asText());

    assertSecretsOnlyMasked(run, provenance);
    assertTrue(run.summary().contains("| `" + WHEEL + "` | sha256:`" + WHEEL_SHA256 + "` |"));
    assertTrue(
        run.summary()
            .contains(
                "java -jar provenance-action-vX.Y.Z.jar verify-artifact --provenance-path"
                    + " multiple.intoto.jsonl --source-uri"
                    + " github.com/octo-org/octo-pkg --source-tag v1.2.3 "
                    + WHEEL),
        run.summary());
    assertEquals(1, sigstore.fulcio().requestCount());
    sigstore.keepForSigstoreJs("loopback-slsa-v1", provenance);
  }

  @Test
  void theSummarysVerifyCommandNamesTheServerWithoutItsTrailingSlash() {
    ActionRun run = action().env("GITHUB_SERVER_URL", "https://github.com/").run();

    assertEquals(0, run.exitCode(), run.stdout());
    assertTrue(
        run.summary().contains(" --source-uri github.com/octo-org/octo-pkg --source-tag v1.2.3 "),
        run.summary());
  }

  @Test
  void writesTheGeneratorsV02ShapeWithTheEventPayload() throws Exception {
    ActionRun run =
        action()
            .input("predicate-type", "slsa-v0.2")
            .input("provenance-name", "pkg.intoto.jsonl")
            .run();

    assertEquals(0, run.exitCode(), run.stdout());
    Path provenance = run.workspace().resolve("pkg.intoto.jsonl");
    SigstoreBundle bundle = SigstoreBundle.parse(Files.readString(provenance).strip());
    JsonNode statement = new ObjectMapper().readTree(bundle.envelope().payload());
    assertEquals("https://slsa.dev/provenance/v0.2", statement.get("predicateType").asText());
    assertEquals(
        ActionRun.REPOSITORY,
        statement
            .at("/predicate/invocation/environment/github_event_payload/repository/full_name")
            .asText());
    sigstore.keepForSigstoreJs("loopback-slsa-v0.2", provenance);
  }

  @Test
  void survivesTransientFailuresOfEveryService() throws Exception {
    sigstore.oidc().failNext(1, 503);
    sigstore.fulcio().failNext(1, 503);
    sigstore.rekor().failNext(1, 502);

    ActionRun run = action().run();

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(2, sigstore.oidc().requestCount());
    assertEquals(2, sigstore.fulcio().requestCount());
    assertTrue(Files.exists(run.workspace().resolve("multiple.intoto.jsonl")));
  }

  @Test
  void aFinalFailureNamesTheServiceAndWritesNothing() throws Exception {
    sigstore.rekor().failNext(100, 500);

    ActionRun run = action().run();

    assertEquals(1, run.exitCode());
    assertTrue(run.stdout().contains("::error title=Rekor failed::Rekor: "), run.stdout());
    assertFalse(Files.exists(run.workspace().resolve("multiple.intoto.jsonl")));
    assertEquals("", run.outputs());
  }

  @Test
  void aPrivateRepositoryMaySignWithItsOwnInstance() throws Exception {
    sigstore.oidc().setClaims(ActionRun.claims("private"));

    ActionRun custom = action().run();

    assertEquals(0, custom.exitCode(), "a custom instance's log is not public: " + custom.stdout());
  }

  @Test
  void refusesATokenForAnotherRepository() throws Exception {
    ActionRun run = action().env("GITHUB_REPOSITORY", "someone/else").run();

    assertEquals(1, run.exitCode());
    assertTrue(
        run.stdout()
            .contains(
                "::error title=Identity mismatch::GITHUB_REPOSITORY is 'someone/else' but the OIDC"
                    + " token's repository claim is 'octo-org/octo-pkg'"),
        run.stdout());
    assertEquals(0, sigstore.fulcio().requestCount(), "nothing was signed");
  }

  @Test
  void withoutIdTokenPermissionFailsBeforeAnyNetworkCall() throws Exception {
    ActionRun run =
        new ActionRun(temp.resolve("run"))
            .input("sigstore", sigstore.directory().toString())
            .input("subject-base64", base64(SUMS))
            .input("upload-assets", "false")
            .run();

    assertEquals(1, run.exitCode());
    assertTrue(run.stdout().startsWith("::error title=No OIDC token::"), run.stdout());
    assertEquals(0, sigstore.oidc().requestCount());
  }

  @Test
  void invalidSubjectsFailBeforeAnyTokenIsAskedFor() throws Exception {
    // The instance is read and its HTTP client made beside the subjects: neither may reach out.
    ActionRun run = action().input("subject-base64", base64("not a checksum line\n")).run();

    assertEquals(1, run.exitCode());
    assertTrue(run.stdout().contains("::error title=Invalid subjects::"), run.stdout());
    assertEquals(0, sigstore.oidc().requestCount());
    assertEquals(0, sigstore.fulcio().requestCount());
  }

  /**
   * The certificate is asked for before the statement is written and awaited after, so its failure
   * comes out late; it must still stop the run before any log entry is asked for.
   */
  @Test
  void aFulcioFailureNamesFulcioAsksTheLogForNothingAndWritesNothing() throws Exception {
    sigstore.fulcio().failNext(100, 500);

    ActionRun run = action().run();

    assertEquals(1, run.exitCode());
    assertTrue(run.stdout().contains("::error title=Fulcio failed::Fulcio: "), run.stdout());
    assertTrue(sigstore.fulcio().requestCount() > 0, "Fulcio was asked");
    assertEquals(0, sigstore.rekor().requestCount());
    assertFalse(Files.exists(run.workspace().resolve("multiple.intoto.jsonl")));
    assertEquals("", run.outputs());
  }

  /** The request token and the OIDC token appear only in the lines that mask them. */
  private void assertSecretsOnlyMasked(ActionRun run, Path provenance) throws Exception {
    List<String> masked =
        run.stdout().lines().filter(line -> line.startsWith("::add-mask::")).toList();
    assertEquals(2, masked.size(), run.stdout());
    String requestToken = sigstore.oidc().requestToken();
    assertEquals("::add-mask::" + requestToken, masked.get(0));
    String idToken = masked.get(1).substring("::add-mask::".length());
    assertEquals(3, idToken.split("\\.").length, "the second mask is the JWT");
    String unmasked =
        run.stdout().lines().filter(line -> !line.startsWith("::add-mask::")).toList()
            + run.stderr()
            + run.outputs()
            + run.summary()
            + Files.readString(provenance);
    for (String secret : List.of(requestToken, idToken)) {
      assertFalse(unmasked.contains(secret), "a token leaked");
    }
  }

  private void verifyWithSigstoreJava(String line, byte[] artifactDigest) throws Exception {
    KeylessVerifier verifier =
        KeylessVerifier.builder()
            .trustedRootProvider(TrustedRootProvider.from(sigstore.trustedRoot()))
            .build();
    VerificationOptions options =
        VerificationOptions.builder()
            .addCertificateMatchers(
                CertificateMatcher.fulcio()
                    .issuer(StringMatcher.string("https://token.actions.githubusercontent.com"))
                    .subjectAlternativeName(
                        StringMatcher.string("https://github.com/" + ActionRun.WORKFLOW_REF))
                    .build())
            .build();
    verifier.verify(artifactDigest, Bundle.from(new StringReader(line)), options);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
