package dev.provenanceaction.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * The claims of a GitHub Actions OIDC token, for the tests that need a whole token's worth: the
 * claims that follow from the repository, ref, commit and workflow file, as GitHub derives them.
 */
public final class GithubTokenClaims {
  public static final String ISSUER = "https://token.actions.githubusercontent.com";

  private GithubTokenClaims() {}

  /**
   * A fresh, mutable map of the issuer, subject, repository and owner, ref and its type, commit,
   * the workflow's and job workflow's ref and commit, a public repository and a GitHub-hosted
   * runner; the caller adds the claims that tell one run from another (ids, run, event, actor).
   *
   * @param workflowPath the workflow file, as {@code .github/workflows/release.yml}
   */
  public static Map<String, String> forRun(
      String repository, String ref, String sha, String workflowPath) {
    String workflowRef = repository + "/" + workflowPath + "@" + ref;
    Map<String, String> claims = new HashMap<>();
    claims.put("iss", ISSUER);
    claims.put("sub", "repo:" + repository + ":ref:" + ref);
    claims.put("repository", repository);
    claims.put("repository_owner", repository.substring(0, repository.indexOf('/')));
    claims.put("repository_visibility", "public");
    claims.put("ref", ref);
    claims.put("ref_type", ref.startsWith("refs/tags/") ? "tag" : "branch");
    claims.put("sha", sha);
    claims.put("workflow_ref", workflowRef);
    claims.put("workflow_sha", sha);
    claims.put("job_workflow_ref", workflowRef);
    claims.put("job_workflow_sha", sha);
    claims.put("runner_environment", "github-hosted");
    return claims;
  }
}
