package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.InstanceChoice;
import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.SigstoreInstance;
import dev.provenanceaction.sigstore.TlsTrust;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import dev.provenanceaction.sigstore.tuf.TufMirrors;
import dev.provenanceaction.testing.ActionRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStepTest {
  private static final SigstoreInstance PUBLIC_GOOD =
      new SigstoreInstance(
          "public-good",
          new TrustedRoot(List.of(), List.of(), List.of()),
          null,
          false,
          true,
          SigstoreHttp.create(TlsTrust.jdkDefaults(), RetryPolicy.standard()));

  private static OidcToken token(String visibility) {
    Map<String, String> claims = new HashMap<>();
    ActionRun.claims(visibility).forEach((name, value) -> claims.put(name, value.toString()));
    claims.put("iss", "https://token.actions.githubusercontent.com");
    return new OidcToken("header.payload.signature", claims);
  }

  private static IdentityStep step(Map<String, String> env) {
    return new IdentityStep(
        env, WorkflowCommands.forRunner(new PrintStream(new ByteArrayOutputStream())));
  }

  @Test
  void refusesAPrivateRepositoryOnThePublicLogUnlessAllowed() throws Exception {
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> step(Map.of()).checkClaims(token("private"), PUBLIC_GOOD, false));
    assertEquals("Private repository", e.title());
    assertTrue(
        e.getMessage().startsWith("repository octo-org/octo-pkg is private: signing with the"),
        e.getMessage());

    assertEquals(
        ActionRun.REPOSITORY,
        step(Map.of()).checkClaims(token("private"), PUBLIC_GOOD, true).repository());
    assertEquals(
        ActionRun.REPOSITORY,
        step(Map.of()).checkClaims(token("public"), PUBLIC_GOOD, false).repository());
  }

  @Test
  void refusesATokenForAnotherCommit() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                step(Map.of("GITHUB_SHA", "f".repeat(40)))
                    .checkClaims(token("public"), PUBLIC_GOOD, false));
    assertEquals("Identity mismatch", e.title());
    assertTrue(e.getMessage().startsWith("GITHUB_SHA is 'ffff"), e.getMessage());
  }

  private static OidcToken tokenFrom(String issuer) {
    Map<String, String> claims = new HashMap<>(token("public").claims());
    claims.put("iss", issuer);
    return new OidcToken("header.payload.signature", claims);
  }

  @Test
  void refusesAGithubEnterpriseServerTokenForTheSharedInstancesAndNamesTheFix() {
    for (String instance : List.of("public-good", "staging")) {
      UsageException e =
          assertThrows(
              UsageException.class,
              () ->
                  step(Map.of())
                      .checkIssuer(
                          tokenFrom("https://ghes.example.com/_services/token"),
                          GenerateOptions.sigstore(instance, TufMirrors.SIGSTORE)));
      assertEquals("OIDC issuer not accepted", e.title());
      assertEquals(
          "the OIDC token's issuer is 'https://ghes.example.com/_services/token', not GitHub.com's"
              + " 'https://token.actions.githubusercontent.com': this runs on GitHub Enterprise"
              + " Server (ghes.example.com). The "
              + instance
              + " Sigstore accepts only GitHub.com's tokens. Sign with a Sigstore instance of your"
              + " own whose Fulcio trusts this issuer: set 'sigstore' to a directory holding its"
              + " trusted_root.json and signing_config.json (or 'sigstore: ephemeral' for a dry"
              + " run).",
          e.getMessage());
    }
  }

  @Test
  void acceptsGithubComTokensAndAnyIssuerOnAnInstanceOfOnesOwn(@TempDir Path dir) throws Exception {
    step(Map.of())
        .checkIssuer(
            tokenFrom("https://token.actions.githubusercontent.com"),
            InstanceChoice.publicGood(TufMirror.PUBLIC_GOOD));
    Files.writeString(dir.resolve("trusted_root.json"), "{}");
    Files.writeString(dir.resolve("signing_config.json"), "{}");
    step(Map.of())
        .checkIssuer(
            tokenFrom("https://ghes.example.com/_services/token"), InstanceChoice.custom(dir));
    UsageException other =
        assertThrows(
            UsageException.class,
            () ->
                step(Map.of())
                    .checkIssuer(
                        tokenFrom("https://issuer.example"),
                        InstanceChoice.publicGood(TufMirror.PUBLIC_GOOD)));
    assertTrue(
        other
            .getMessage()
            .startsWith(
                "the OIDC token's issuer is 'https://issuer.example', not"
                    + " GitHub.com's 'https://token.actions.githubusercontent.com'. The public-good"),
        other.getMessage());
  }

  @Test
  void aTokenWithoutTheClaimsIsAnOidcFailure() {
    OidcToken bare = new OidcToken("h.p.s", Map.of("sub", "x"));
    var e =
        assertThrows(
            dev.provenanceaction.sigstore.SigstoreException.class,
            () -> step(Map.of()).checkClaims(bare, PUBLIC_GOOD, false));
    assertEquals("OIDC", e.service());
  }
}
