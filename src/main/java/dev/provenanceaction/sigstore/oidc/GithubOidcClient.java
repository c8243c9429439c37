package dev.provenanceaction.sigstore.oidc;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.HttpStatusException;
import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.TlsTrust;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Asks the GitHub Actions runner for an OIDC identity token: {@code GET
 * $ACTIONS_ID_TOKEN_REQUEST_URL&audience=sigstore} with the request token as bearer, answered by
 * {@code {"value":"<jwt>"}}. Neither the request token nor the identity token ever appears in a
 * message.
 */
public final class GithubOidcClient {
  public static final String SERVICE = "OIDC";
  public static final String REQUEST_URL_VARIABLE = "ACTIONS_ID_TOKEN_REQUEST_URL";
  public static final String REQUEST_TOKEN_VARIABLE = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
  public static final String SIGSTORE_AUDIENCE = "sigstore";

  private final URI requestUrl;
  private final String requestToken;
  private final RetryPolicy retryPolicy;
  private final Duration timeout;
  private final TlsTrust tlsTrust;

  private GithubOidcClient(
      URI requestUrl,
      String requestToken,
      RetryPolicy retryPolicy,
      Duration timeout,
      TlsTrust tlsTrust) {
    this.requestUrl = Objects.requireNonNull(requestUrl, "requestUrl");
    this.requestToken = Objects.requireNonNull(requestToken, "requestToken");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.tlsTrust = Objects.requireNonNull(tlsTrust, "tlsTrust");
  }

  /**
   * A client for the runner's token endpoint, 30 s per request, the standard retry policy and the
   * JDK's trusted CAs.
   */
  public static GithubOidcClient of(URI requestUrl, String requestToken) {
    return new GithubOidcClient(
        requestUrl,
        requestToken,
        RetryPolicy.standard(),
        Duration.ofSeconds(30),
        TlsTrust.jdkDefaults());
  }

  /**
   * A client from the job's environment.
   *
   * @throws SigstoreException if the runner did not provide the endpoint, which happens when the
   *     job lacks {@code permissions: id-token: write}
   */
  public static GithubOidcClient fromEnvironment(Map<String, String> environment)
      throws SigstoreException {
    String url = environment.get(REQUEST_URL_VARIABLE);
    String token = environment.get(REQUEST_TOKEN_VARIABLE);
    if (url == null || url.isBlank() || token == null || token.isBlank()) {
      throw new SigstoreException(
          SERVICE,
          REQUEST_URL_VARIABLE
              + " and "
              + REQUEST_TOKEN_VARIABLE
              + " are not set: give the job `permissions: id-token: write`");
    }
    try {
      return of(URI.create(url), token);
    } catch (IllegalArgumentException e) {
      throw new SigstoreException(SERVICE, REQUEST_URL_VARIABLE + " is not a URL");
    }
  }

  public GithubOidcClient withRetryPolicy(RetryPolicy retryPolicy) {
    return new GithubOidcClient(requestUrl, requestToken, retryPolicy, timeout, tlsTrust);
  }

  /** Time allowed for each request, connection included. */
  public GithubOidcClient withTimeout(Duration timeout) {
    return new GithubOidcClient(requestUrl, requestToken, retryPolicy, timeout, tlsTrust);
  }

  /** TLS trust beyond the JDK's (tests, or a runner behind a TLS-inspecting proxy). */
  public GithubOidcClient withTlsTrust(TlsTrust tlsTrust) {
    return new GithubOidcClient(requestUrl, requestToken, retryPolicy, timeout, tlsTrust);
  }

  /** A token for Sigstore's audience. */
  public OidcToken fetchToken() throws SigstoreException {
    return fetchToken(SIGSTORE_AUDIENCE);
  }

  public OidcToken fetchToken(String audience) throws SigstoreException {
    HttpClient client =
        HttpClient.newBuilder().connectTimeout(timeout).sslContext(tlsTrust.sslContext()).build();
    HttpRequest request =
        HttpRequest.newBuilder(audienceUrl(audience))
            .timeout(timeout)
            .header("Authorization", "Bearer " + requestToken)
            .header("Accept", "application/json")
            .GET()
            .build();
    String jwt = retryPolicy.run(SERVICE, () -> requestJwt(client, request));
    try {
      return JwtClaims.token(jwt);
    } catch (IllegalArgumentException e) {
      throw new SigstoreException(
          SERVICE, "the runner returned an unusable token: " + e.getMessage());
    }
  }

  URI audienceUrl(String audience) {
    String url = requestUrl.toString();
    String separator = requestUrl.getRawQuery() == null ? "?" : "&";
    return URI.create(
        url + separator + "audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8));
  }

  private static String requestJwt(HttpClient client, HttpRequest request)
      throws IOException, InterruptedException, HttpStatusException, SigstoreException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      // The body is not quoted: a misbehaving endpoint could echo the request token.
      throw new HttpStatusException(response.statusCode(), null);
    }
    JsonValue value;
    try {
      value = JsonValue.parse(response.body()).get("value");
    } catch (IOException e) {
      throw new SigstoreException(SERVICE, "the token endpoint answered something other than JSON");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new SigstoreException(SERVICE, "the token endpoint's answer has no \"value\"");
    }
    return value.asText();
  }
}
