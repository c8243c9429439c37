package dev.provenanceaction.testing;

import java.util.Map;

/**
 * The OIDC claims of the run that made {@code fixtures/actions-attest-build-provenance}: what its
 * certificate and statement show, plus plausible values for the claims neither shows (run_number,
 * actor, actor_id, the base and head refs).
 */
public final class AttestFixtureClaims {
  public static final String REPOSITORY = "loosebazooka/aa-test";
  public static final String SHA = "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f";
  public static final String WORKFLOW_REF =
      REPOSITORY + "/.github/workflows/provenance.yaml@refs/heads/main";

  private AttestFixtureClaims() {}

  /** A fresh, mutable map, so a test may change a claim. */
  public static Map<String, String> claims() {
    Map<String, String> claims =
        GithubTokenClaims.forRun(
            REPOSITORY, "refs/heads/main", SHA, ".github/workflows/provenance.yaml");
    claims.put("repository_id", "891715444");
    claims.put("repository_owner_id", "1304826");
    claims.put("workflow", "Generate Provenance");
    claims.put("event_name", "workflow_dispatch");
    claims.put("run_id", "11941425487");
    claims.put("run_attempt", "1");
    claims.put("run_number", "7");
    claims.put("actor", "loosebazooka");
    claims.put("actor_id", "1304826");
    return claims;
  }
}
