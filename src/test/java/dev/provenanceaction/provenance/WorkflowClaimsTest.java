package dev.provenanceaction.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.provenanceaction.testing.GithubTokenClaims;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowClaimsTest {
  private static Map<String, String> claims() {
    Map<String, String> claims =
        GithubTokenClaims.forRun(
            "octo/pkg",
            "refs/tags/v1.0",
            "1111111111111111111111111111111111111111",
            ".github/workflows/release.yml");
    claims.put("repository_id", "101");
    claims.put("repository_owner_id", "102");
    claims.put("workflow", "Release");
    claims.put("event_name", "push");
    claims.put("run_id", "103");
    claims.put("run_attempt", "2");
    claims.put("run_number", "104");
    claims.put("actor", "octocat");
    claims.put("actor_id", "105");
    claims.put("base_ref", "refs/heads/main");
    claims.put("head_ref", "feature");
    return claims;
  }

  @Test
  void readsEveryClaimByItsTokenName() {
    WorkflowClaims claims = WorkflowClaims.from(claims());

    assertEquals(
        new WorkflowClaims(
            "https://token.actions.githubusercontent.com",
            "repo:octo/pkg:ref:refs/tags/v1.0",
            "octo/pkg",
            "101",
            "octo",
            "102",
            "public",
            "refs/tags/v1.0",
            "tag",
            "1111111111111111111111111111111111111111",
            "Release",
            "octo/pkg/.github/workflows/release.yml@refs/tags/v1.0",
            "1111111111111111111111111111111111111111",
            "octo/pkg/.github/workflows/release.yml@refs/tags/v1.0",
            "1111111111111111111111111111111111111111",
            "push",
            "103",
            "2",
            "104",
            "github-hosted",
            "octocat",
            "105",
            "refs/heads/main",
            "feature"),
        claims);
  }

  @Test
  void baseAndHeadRefsDefaultToEmpty() {
    Map<String, String> map = claims();
    map.remove("base_ref");
    map.remove("head_ref");

    WorkflowClaims claims = WorkflowClaims.from(map);

    assertEquals("", claims.baseRef());
    assertEquals("", claims.headRef());
  }

  @Test
  void namesEveryMissingOrEmptyClaim() {
    Map<String, String> map = claims();
    map.remove("sha");
    map.remove("job_workflow_ref");
    map.put("run_attempt", "");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WorkflowClaims.from(map));

    assertEquals(
        "the OIDC token lacks the claims sha, job_workflow_ref, run_attempt; is it a GitHub"
            + " Actions token?",
        e.getMessage());
  }

  @Test
  void rejectsWorkflowRefOfAnotherRepository() {
    Map<String, String> map = claims();
    map.put("workflow_ref", "other/pkg/.github/workflows/release.yml@refs/tags/v1.0");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WorkflowClaims.from(map));

    assertEquals(
        "the OIDC token's workflow_ref 'other/pkg/.github/workflows/release.yml@refs/tags/v1.0'"
            + " does not start with its repository 'octo/pkg/'",
        e.getMessage());
  }

  @Test
  void workflowPathDropsRepositoryAndRef() {
    assertEquals(".github/workflows/release.yml", WorkflowClaims.from(claims()).workflowPath());
  }

  @Test
  void workflowPathKeepsAnAtSignInTheFileName() {
    Map<String, String> map = claims();
    map.put("workflow_ref", "octo/pkg/.github/workflows/re@lease.yml@refs/tags/v1.0");

    assertEquals(".github/workflows/re@lease.yml", WorkflowClaims.from(map).workflowPath());
  }

  @Test
  void workflowPathHandlesAnAtSignInTheRef() {
    Map<String, String> map = claims();
    map.put("ref", "refs/heads/fix@home");
    map.put("workflow_ref", "octo/pkg/.github/workflows/release.yml@refs/heads/fix@home");

    assertEquals(".github/workflows/release.yml", WorkflowClaims.from(map).workflowPath());
  }

  @Test
  void workflowPathCutsAtTheFirstAtSignWhenTheRefDiffers() {
    Map<String, String> map = claims();
    map.put("workflow_ref", "octo/pkg/.github/workflows/release.yml@refs/heads/main");

    assertEquals(".github/workflows/release.yml", WorkflowClaims.from(map).workflowPath());
  }
}
