package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.SigstoreInstance;
import dev.provenanceaction.sigstore.TlsTrust;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.ActionRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityStepTest {
  private static final SigstoreInstance PUBLIC_GOOD =
      new SigstoreInstance(
          "public-good",
          new TrustedRoot(List.of(), List.of(), List.of()),
          null,
          false,
          true,
          TlsTrust.jdkDefaults());

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
