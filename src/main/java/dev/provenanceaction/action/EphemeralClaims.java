package dev.provenanceaction.action;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A GitHub-shaped claim set made from the environment, for {@code sigstore: ephemeral} runs that
 * have no OIDC token (forks, pull requests, a laptop). Nothing vouches for these values; the
 * ephemeral instance says so loudly.
 */
final class EphemeralClaims {
  static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

  private EphemeralClaims() {}

  static Map<String, String> fromEnvironment(Map<String, String> env) {
    String repository = env.getOrDefault("GITHUB_REPOSITORY", "local/workspace");
    String owner = repository.contains("/") ? repository.substring(0, repository.indexOf('/')) : "";
    String ref = env.getOrDefault("GITHUB_REF", "refs/heads/local");
    String sha = env.getOrDefault("GITHUB_SHA", "0".repeat(40));
    String workflowRef =
        env.getOrDefault("GITHUB_WORKFLOW_REF", repository + "/.github/workflows/local.yml@" + ref);
    String workflowSha = env.getOrDefault("GITHUB_WORKFLOW_SHA", sha);
    Map<String, String> claims = new LinkedHashMap<>();
    claims.put("iss", GITHUB_ISSUER);
    claims.put("aud", "sigstore");
    claims.put("sub", "repo:" + repository + ":ref:" + ref);
    claims.put("repository", repository);
    claims.put("repository_id", env.getOrDefault("GITHUB_REPOSITORY_ID", "0"));
    claims.put("repository_owner", env.getOrDefault("GITHUB_REPOSITORY_OWNER", owner));
    claims.put("repository_owner_id", env.getOrDefault("GITHUB_REPOSITORY_OWNER_ID", "0"));
    claims.put("repository_visibility", "unknown");
    claims.put("ref", ref);
    claims.put("ref_type", env.getOrDefault("GITHUB_REF_TYPE", "branch"));
    claims.put("sha", sha);
    claims.put("workflow", env.getOrDefault("GITHUB_WORKFLOW", "local"));
    claims.put("workflow_ref", workflowRef);
    claims.put("workflow_sha", workflowSha);
    // No variable carries the called workflow of a reusable workflow; the caller's stands in.
    claims.put("job_workflow_ref", workflowRef);
    claims.put("job_workflow_sha", workflowSha);
    claims.put("event_name", env.getOrDefault("GITHUB_EVENT_NAME", "workflow_dispatch"));
    claims.put("run_id", env.getOrDefault("GITHUB_RUN_ID", "0"));
    claims.put("run_attempt", env.getOrDefault("GITHUB_RUN_ATTEMPT", "1"));
    claims.put("run_number", env.getOrDefault("GITHUB_RUN_NUMBER", "1"));
    claims.put("runner_environment", env.getOrDefault("RUNNER_ENVIRONMENT", "self-hosted"));
    claims.put("actor", env.getOrDefault("GITHUB_ACTOR", System.getProperty("user.name", "")));
    claims.put("actor_id", env.getOrDefault("GITHUB_ACTOR_ID", "0"));
    claims.put("base_ref", env.getOrDefault("GITHUB_BASE_REF", ""));
    claims.put("head_ref", env.getOrDefault("GITHUB_HEAD_REF", ""));
    return claims;
  }
}
