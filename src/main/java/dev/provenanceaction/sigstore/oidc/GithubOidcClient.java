package dev.provenanceaction.sigstore.oidc;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.HttpStatusException;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the GitHub Actions runner for an OIDC identity token: {@code GET <request URL>&audience=
 * sigstore} with the request token as bearer, answered by {@code {"value":"<jwt>"}}. Neither the
 * request token nor the identity token ever appears in a message.
 */
public final class GithubOidcClient {
  public static final String SERVICE = "OIDC";
  public static final String SIGSTORE_AUDIENCE = "sigstore";

  private final URI requestUrl;
  private final String requestToken;
  private final SigstoreHttp http;

  private GithubOidcClient(URI requestUrl, String requestToken, SigstoreHttp http) {
    this.requestUrl = Objects.requireNonNull(requestUrl, "requestUrl");
    this.requestToken = Objects.requireNonNull(requestToken, "requestToken");
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * A client for the runner's token endpoint over the run's HTTP client.
   *
   * @param requestUrl the runner's token URL, as given (it may already hold a query)
   * @param requestToken the runner's bearer token for it
   * @throws SigstoreException if the URL is not an http(s) URL with a host, or the token holds a
   *     character no HTTP header may (it is not quoted)
   */
  public static GithubOidcClient of(String requestUrl, String requestToken, SigstoreHttp http)
      throws SigstoreException {
    URI url;
    try {
      url = new URI(requestUrl);
    } catch (URISyntaxException e) {
      throw new SigstoreException(SERVICE, "the token request URL is not a URL");
    }
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())
        || url.getHost() == null) {
      throw new SigstoreException(SERVICE, "the token request URL is not an http(s) URL");
    }
    // Checked here, before any request, because the JDK's refusal of such a header quotes it, and
    // a bare CR or a control character it would send as it is.
    if (!requestToken.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new SigstoreException(
          SERVICE, "the token request token holds a character no HTTP header may hold");
    }
    return new GithubOidcClient(url, requestToken, http);
  }

  /**
   * A token for Sigstore's audience. The request's TLS connection is made at once, but the request
   * is sent only once {@code sendAfter} completes, and never if it fails: the handshake can overlap
   * the checks that must pass before anything is asked of a service.
   */
  public OidcToken fetchToken(CompletableFuture<?> sendAfter) throws SigstoreException {
    SigstoreHttp.Request request =
        SigstoreHttp.Request.get(audienceUrl(SIGSTORE_AUDIENCE))
            .withHeader("Authorization", "Bearer " + requestToken)
            .withSendAfter(sendAfter);
    String jwt = http.call(SERVICE, () -> requestJwt(request));
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

  private String requestJwt(SigstoreHttp.Request request)
      throws IOException, InterruptedException, HttpStatusException, SigstoreException {
    SigstoreHttp.Response response = http.send(request);
    if (response.status() != 200) {
      // The body is not quoted: a misbehaving endpoint could echo the request token.
      throw new HttpStatusException(response.status(), null);
    }
    JsonValue value;
    try {
      value = JsonValue.parse(response.text()).get("value");
    } catch (IOException e) {
      throw new SigstoreException(SERVICE, "the token endpoint answered something other than JSON");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new SigstoreException(SERVICE, "the token endpoint's answer has no \"value\"");
    }
    return value.asText();
  }
}
