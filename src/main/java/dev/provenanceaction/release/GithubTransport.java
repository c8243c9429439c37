package dev.provenanceaction.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * HTTP to GitHub's API with one retry policy, both for org.kohsuke:github-api (as its connector)
 * and for the calls it lacks (asset content, renaming an asset, attestations).
 *
 * <p>Every request may be repeated after a secondary rate limit, which GitHub answers before doing
 * anything, and after a refused connection. Only requests that do the same thing twice (all but
 * POST) are repeated after a server error, a reset or a timeout: a repeated POST could create a
 * second release or asset, so callers retry those as whole steps that look before they act.
 */
final class GithubTransport implements GitHubConnector {
  static final String API_VERSION = "2022-11-28";
  private static final String USER_AGENT = "provenance-action";
  private static final Set<String> HEADERS_SET_BY_CLIENT =
      Set.of("content-length", "host", "connection", "expect", "upgrade", "accept-encoding");

  private final HttpClient client;
  private final GithubToken token;
  private final GithubRetryPolicy policy;
  private final Duration requestTimeout;

  private GithubTransport(
      HttpClient client, GithubToken token, GithubRetryPolicy policy, Duration requestTimeout) {
    this.client = client;
    this.token = token;
    this.policy = policy;
    this.requestTimeout = requestTimeout;
  }

  static GithubTransport create(
      GithubToken token, GithubRetryPolicy policy, Duration requestTimeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new GithubTransport(client, token, policy, requestTimeout);
  }

  GithubRetryPolicy policy() {
    return policy;
  }

  /** A JSON request to the API; {@code body} may be null. */
  GithubResponse send(String method, URI uri, byte[] body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).header("Accept", "application/vnd.github+json");
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return send(withApiHeaders(request, true), method, body);
  }

  /**
   * The content of a release asset: the API answers {@code 302} to storage elsewhere, which gets no
   * token.
   */
  GithubResponse download(URI assetApiUrl) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(assetApiUrl).header("Accept", "application/octet-stream");
    GithubResponse response = send(withApiHeaders(request, true), "GET", null);
    for (int redirects = 0; isRedirect(response.status()) && redirects < 5; redirects++) {
      Optional<String> location = response.headers().firstValue("location");
      if (location.isEmpty()) {
        throw new IOException("GET " + assetApiUrl.getPath() + ": redirect without a location");
      }
      URI target = response.uri().resolve(location.get());
      HttpRequest.Builder follow =
          HttpRequest.newBuilder(target).header("Accept", "application/octet-stream");
      response = send(withApiHeaders(follow, false), "GET", null);
    }
    return response;
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest connectorRequest) throws IOException {
    URI uri;
    try {
      uri = connectorRequest.url().toURI();
    } catch (URISyntaxException e) {
      throw new IOException("not a valid address: " + connectorRequest.url(), e);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    for (Map.Entry<String, List<String>> header : connectorRequest.allHeaders().entrySet()) {
      if (header.getKey() == null
          || HEADERS_SET_BY_CLIENT.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : header.getValue()) {
        request.header(header.getKey(), value);
      }
    }
    if (connectorRequest.contentType() != null && connectorRequest.header("Content-Type") == null) {
      request.header("Content-Type", connectorRequest.contentType());
    }
    byte[] body = null;
    if (connectorRequest.hasBody()) {
      try (InputStream in = connectorRequest.body()) {
        body = in.readAllBytes();
      }
    }
    boolean authorized = connectorRequest.header("Authorization") != null;
    GithubResponse response =
        send(withApiHeaders(request, !authorized), connectorRequest.method(), body);
    return new GitHubConnectorResponse.ByteArrayResponse(
        connectorRequest, response.status(), response.headers().map()) {
      @Override
      protected InputStream rawBodyStream() {
        return new ByteArrayInputStream(response.body());
      }
    };
  }

  private HttpRequest.Builder withApiHeaders(HttpRequest.Builder request, boolean withToken) {
    request.setHeader("User-Agent", USER_AGENT).setHeader("X-GitHub-Api-Version", API_VERSION);
    if (withToken) {
      request.setHeader("Authorization", "Bearer " + token.value());
    }
    return request.timeout(requestTimeout);
  }

  private GithubResponse send(HttpRequest.Builder builder, String method, byte[] body)
      throws IOException {
    HttpRequest request =
        builder
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    boolean repeatable = !"POST".equals(method);
    GithubRetryPolicy.Retries retries = policy.start(method + " " + describe(request.uri()));
    try {
      while (true) {
        HttpResponse<byte[]> response;
        try {
          response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
          boolean retry = repeatable || e instanceof ConnectException;
          if (retry && retries.waitBeforeRetry(Failures.describe(e), Optional.empty())) {
            continue;
          }
          throw e;
        }
        GithubResponse result =
            new GithubResponse(
                request.uri(), response.statusCode(), response.headers(), response.body());
        Optional<RateLimitHeaders> rateLimit =
            RateLimitHeaders.of(result.status(), result.headers(), result.body());
        if (rateLimit.isPresent()) {
          if (retries.waitBeforeRetry("HTTP " + result.status() + " rate limited", rateLimit)) {
            continue;
          }
          return result;
        }
        if (repeatable && Failures.isTransientStatus(result.status())) {
          if (retries.waitBeforeRetry(
              "HTTP " + result.status() + " " + result.message(), Optional.empty())) {
            continue;
          }
        }
        return result;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry " + method);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Host and path: the query of an upload only names the asset, and no token is ever in one. */
  private static String describe(URI uri) {
    return uri.getHost() + uri.getRawPath();
  }
}
