package dev.provenanceaction.provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The claims of a verified GitHub Actions OIDC token that provenance is built from. They come from
 * the token, not from {@code GITHUB_*} variables, because an earlier step of the job can change
 * those but not the token.
 *
 * <p>All are required and non-empty except {@code base_ref} and {@code head_ref}, which GitHub sets
 * only for pull requests and which become {@code ""} when absent.
 */
public record WorkflowClaims(
    String issuer,
    String subject,
    String repository,
    String repositoryId,
    String repositoryOwner,
    String repositoryOwnerId,
    String repositoryVisibility,
    String ref,
    String refType,
    String sha,
    String workflow,
    String workflowRef,
    String workflowSha,
    String jobWorkflowRef,
    String jobWorkflowSha,
    String eventName,
    String runId,
    String runAttempt,
    String runNumber,
    String runnerEnvironment,
    String actor,
    String actorId,
    String baseRef,
    String headRef) {

  public WorkflowClaims {
    baseRef = Objects.requireNonNullElse(baseRef, "");
    headRef = Objects.requireNonNullElse(headRef, "");
    List<String> missing = new ArrayList<>();
    requirePresent(missing, "iss", issuer);
    requirePresent(missing, "sub", subject);
    requirePresent(missing, "repository", repository);
    requirePresent(missing, "repository_id", repositoryId);
    requirePresent(missing, "repository_owner", repositoryOwner);
    requirePresent(missing, "repository_owner_id", repositoryOwnerId);
    requirePresent(missing, "repository_visibility", repositoryVisibility);
    requirePresent(missing, "ref", ref);
    requirePresent(missing, "ref_type", refType);
    requirePresent(missing, "sha", sha);
    requirePresent(missing, "workflow", workflow);
    requirePresent(missing, "workflow_ref", workflowRef);
    requirePresent(missing, "workflow_sha", workflowSha);
    requirePresent(missing, "job_workflow_ref", jobWorkflowRef);
    requirePresent(missing, "job_workflow_sha", jobWorkflowSha);
    requirePresent(missing, "event_name", eventName);
    requirePresent(missing, "run_id", runId);
    requirePresent(missing, "run_attempt", runAttempt);
    requirePresent(missing, "run_number", runNumber);
    requirePresent(missing, "runner_environment", runnerEnvironment);
    requirePresent(missing, "actor", actor);
    requirePresent(missing, "actor_id", actorId);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "the OIDC token lacks the claims "
              + String.join(", ", missing)
              + "; is it a GitHub Actions token?");
    }
    if (!workflowRef.startsWith(repository + "/")) {
      throw new IllegalArgumentException(
          "the OIDC token's workflow_ref '"
              + workflowRef
              + "' does not start with its repository '"
              + repository
              + "/'");
    }
  }

  /**
   * Reads the claims by their names in the token ({@code repository}, {@code job_workflow_ref},
   * ...), as {@link dev.provenanceaction.sigstore.oidc.OidcToken#claims()} holds them.
   *
   * @throws IllegalArgumentException naming every required claim that is missing or empty
   */
  public static WorkflowClaims from(Map<String, String> claims) {
    return new WorkflowClaims(
        claims.get("iss"),
        claims.get("sub"),
        claims.get("repository"),
        claims.get("repository_id"),
        claims.get("repository_owner"),
        claims.get("repository_owner_id"),
        claims.get("repository_visibility"),
        claims.get("ref"),
        claims.get("ref_type"),
        claims.get("sha"),
        claims.get("workflow"),
        claims.get("workflow_ref"),
        claims.get("workflow_sha"),
        claims.get("job_workflow_ref"),
        claims.get("job_workflow_sha"),
        claims.get("event_name"),
        claims.get("run_id"),
        claims.get("run_attempt"),
        claims.get("run_number"),
        claims.get("runner_environment"),
        claims.get("actor"),
        claims.get("actor_id"),
        claims.get("base_ref"),
        claims.get("head_ref"));
  }

  /**
   * The workflow file's path in the repository: {@code workflow_ref} without the {@code
   * <repository>/} prefix and the {@code @<ref>} suffix, e.g. {@code
   * .github/workflows/release.yml}.
   */
  public String workflowPath() {
    String pathAndRef = workflowRef.substring(repository.length() + 1);
    // workflow_ref ends in "@" + ref; removing exactly that keeps an '@' in a file or ref name.
    // Otherwise cut at the first '@', as GitHub's attest action does.
    if (pathAndRef.endsWith("@" + ref)) {
      return pathAndRef.substring(0, pathAndRef.length() - ref.length() - 1);
    }
    int at = pathAndRef.indexOf('@');
    return at < 0 ? pathAndRef : pathAndRef.substring(0, at);
  }

  private static void requirePresent(List<String> missing, String claim, String value) {
    if (value == null || value.isEmpty()) {
      missing.add(claim);
    }
  }
}
