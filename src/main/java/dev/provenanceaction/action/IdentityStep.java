package dev.provenanceaction.action;

import dev.provenanceaction.provenance.WorkflowClaims;
import dev.provenanceaction.sigstore.Background;
import dev.provenanceaction.sigstore.EphemeralSigstore;
import dev.provenanceaction.sigstore.InstanceChoice;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.SigstoreInstance;
import dev.provenanceaction.sigstore.oidc.GithubOidcClient;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Who is signing: the runner's OIDC token (or, for the ephemeral instance, a claim set made from
 * the environment), checked against the run before anything is signed.
 */
final class IdentityStep {
  static final String REQUEST_URL = "ACTIONS_ID_TOKEN_REQUEST_URL";
  static final String REQUEST_TOKEN = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";

  private final Map<String, String> env;
  private final WorkflowCommands log;

  IdentityStep(Map<String, String> env, WorkflowCommands log) {
    this.env = env;
    this.log = log;
  }

  /** Fails before any network call when a real instance is asked for but no token can be had. */
  void checkAvailable(InstanceChoice choice) throws UsageException {
    if (choice.isEphemeral()) {
      return;
    }
    String url = env.get(REQUEST_URL);
    String requestToken = env.get(REQUEST_TOKEN);
    if (url == null || url.isEmpty() || requestToken == null || requestToken.isEmpty()) {
      throw new UsageException(
          "No OIDC token",
          "the job cannot request an OIDC token: give it 'permissions: id-token: write' (and"
              + " 'contents: write' to upload), or use 'sigstore: ephemeral' for a dry run that"
              + " needs no token");
    }
    log.addMask(requestToken);
  }

  /**
   * Starts asking the runner for its OIDC token, on another thread: the TLS connection to the token
   * endpoint is made at once, beside the instance's resolution, but the request is sent only once
   * {@code resolving} has completed, every input checked by then, and never if it fails.
   */
  CompletableFuture<OidcToken> request(SigstoreHttp http, CompletableFuture<?> resolving)
      throws SigstoreException {
    GithubOidcClient client =
        GithubOidcClient.of(env.get(REQUEST_URL), env.get(REQUEST_TOKEN), http);
    return Background.start("oidc-token", () -> client.fetchToken(resolving));
  }

  /** The token {@link #request} asked for, masked in the log from now on. */
  OidcToken received(CompletableFuture<OidcToken> requested) throws SigstoreException {
    OidcToken token = Background.await(requested);
    log.addMask(token.rawToken());
    return token;
  }

  /** The ephemeral instance's token: GitHub-shaped claims made from the environment. */
  OidcToken ephemeralToken() {
    return EphemeralSigstore.tokenFrom(EphemeralClaims.fromEnvironment(env));
  }

  /**
   * Refuses a token the public-good or staging Fulcio would refuse for its issuer: GitHub
   * Enterprise Server issues tokens as {@code https://HOST/_services/token}, which only a Sigstore
   * instance of one's own can be told to trust. Failing here names the fix; Fulcio would only say
   * the issuer is unknown.
   */
  void checkIssuer(OidcToken token, InstanceChoice choice) throws UsageException {
    String issuer = token.claim("iss");
    if (!choice.isBehindTuf() || EphemeralClaims.GITHUB_ISSUER.equals(issuer)) {
      return;
    }
    String instance = choice.kind() == InstanceChoice.Kind.STAGING ? "staging" : "public-good";
    String host =
        issuer == null ? "" : issuer.replaceFirst("^https://([^/]+)/_services/token$", "$1");
    throw new UsageException(
        "OIDC issuer not accepted",
        "the OIDC token's issuer is '"
            + issuer
            + "', not GitHub.com's '"
            + EphemeralClaims.GITHUB_ISSUER
            + "'"
            + (host.equals(issuer) ? "" : ": this runs on GitHub Enterprise Server (" + host + ")")
            + ". The "
            + instance
            + " Sigstore accepts only GitHub.com's tokens. Sign with a Sigstore instance of your"
            + " own whose Fulcio trusts this issuer: set 'sigstore' to a directory holding its"
            + " trusted_root.json and signing_config.json (or 'sigstore: ephemeral' for a dry run).");
  }

  /**
   * Reads the claims the provenance is built from and refuses a token that does not describe this
   * run, or a private repository's name headed for a public log.
   */
  WorkflowClaims checkClaims(OidcToken token, SigstoreInstance instance, boolean privateRepository)
      throws UsageException, SigstoreException {
    WorkflowClaims claims = claims(token);
    if (instance.ephemeral()) {
      return claims;
    }
    requireSame("GITHUB_REPOSITORY", "repository", claims.repository());
    requireSame("GITHUB_SHA", "sha", claims.sha());
    String visibility = claims.repositoryVisibility();
    if (instance.publicLog() && !"public".equals(visibility) && !privateRepository) {
      throw new UsageException(
          "Private repository",
          "repository "
              + claims.repository()
              + " is "
              + visibility
              + ": signing with the public-good Sigstore would publish its name, workflow and"
              + " commit in a public transparency log forever. Set 'private-repository: true' to"
              + " accept that, or sign with your own Sigstore instance.");
    }
    return claims;
  }

  /** The claims the provenance is built from, unchecked against the run. */
  WorkflowClaims claims(OidcToken token) throws SigstoreException {
    try {
      return WorkflowClaims.from(token.claims());
    } catch (IllegalArgumentException e) {
      throw new SigstoreException("OIDC", "the identity token lacks claims: " + e.getMessage());
    }
  }

  private void requireSame(String variable, String claim, String claimed) throws UsageException {
    String value = env.get(variable);
    if (value != null && !value.isEmpty() && !value.equals(claimed)) {
      throw new UsageException(
          "Identity mismatch",
          variable
              + " is '"
              + value
              + "' but the OIDC token's "
              + claim
              + " claim is '"
              + claimed
              + "': the environment was changed by an earlier step, refusing to sign");
    }
  }
}
