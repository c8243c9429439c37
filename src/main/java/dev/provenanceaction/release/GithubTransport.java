package dev.provenanceaction.release;

import dev.provenanceaction.retry.GiveUp;
import dev.provenanceaction.retry.Retrier;
import dev.provenanceaction.retry.TransientFailures;
import dev.provenanceaction.sigstore.ChaChaFirst;
import dev.provenanceaction.sigstore.TlsTrust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * HTTP to GitHub's API with one retry policy, both for org.kohsuke:github-api (as its connector)
 * and for the calls it lacks (asset content, renaming an asset, attestations): the one retry layer
 * of each request, within the run's deadline, each request also limited to its own timeout.
 */
final class GithubTransport implements GitHubConnector {
  static final String API_VERSION = "2022-11-28";
  private static final String USER_AGENT = "provenance-action";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
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
      GithubToken token, GithubRetryPolicy policy, Duration requestTimeout, TlsTrust tls) {
    // The run's trust, not the JDK's default context: a GitHub Enterprise Server's own CA can be
    // added to it (PROVENANCE_ACTION_TLS_CA), as a loopback double's is.
    SSLContext context = tls.sslContext();
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(context)
            .sslParameters(ChaChaFirst.parameters(context))
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
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
    // github-api sets the token, and leaves it out where a redirect leads to another host.
    GithubResponse response = send(withApiHeaders(request, false), connectorRequest.method(), body);
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
    return request;
  }

  private GithubResponse send(HttpRequest.Builder builder, String method, byte[] body)
      throws IOException {
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    URI uri = builder.build().uri();
    String call = method + " " + describe(uri);
    RequestRetries retries = new RequestRetries(call, !"POST".equals(method));
    try {
      return policy.retrier().run(call, attempt -> attempt(builder, uri, retries), retries);
    } catch (FailedRequest e) {
      if (e.getCause() instanceof InterruptedIOException interrupted) {
        throw interrupted;
      }
      // Not worth another attempt. Wrapped, as every failure that leaves here, because github-api
      // repeats a request itself after a SocketException or an SSLHandshakeException, outside this
      // policy and the deadline.
      throw new IOException(call + ": " + Failures.describe(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry " + call);
    }
  }

  private GithubResponse attempt(HttpRequest.Builder builder, URI uri, RequestRetries retries)
      throws FailedRequest {
    HttpRequest request = builder.timeout(policy.deadline().timeout(requestTimeout)).build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new FailedRequest(e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FailedRequest(new InterruptedIOException("interrupted"), null);
    }
    GithubResponse answer =
        new GithubResponse(uri, response.statusCode(), response.headers(), response.body());
    if (retries.isWorthAnotherAttempt(answer)) {
      throw new FailedRequest(null, answer);
    }
    return answer;
  }

  /**
   * One attempt's failure: the request's own (the cause, and no answer), or an answer worth another
   * attempt.
   */
  private static final class FailedRequest extends IOException {
    private final transient GithubResponse answer;

    FailedRequest(IOException cause, GithubResponse answer) {
      super(cause);
      this.answer = answer;
    }
  }

  /**
   * Which failures of one request are worth another attempt. Every request may be repeated after a
   * rate limit, which GitHub answers before doing anything, and after a failure to connect; only
   * requests that do the same thing twice (all but POST) are repeated after a server error, a reset
   * or a timeout: a repeated POST could create a second release or asset, so callers retry those as
   * whole steps that look before they act.
   */
  private final class RequestRetries implements Retrier.Judge<IOException> {
    private final String call;
    private final boolean repeatable;
    private int rateLimits;
    private String lastFailure = "";
    private Optional<GithubRetryPolicy.RateLimitWait> lastAsk = Optional.empty();

    RequestRetries(String call, boolean repeatable) {
      this.call = call;
      this.repeatable = repeatable;
    }

    boolean isWorthAnotherAttempt(GithubResponse answer) {
      return RateLimitHeaders.of(answer.status(), answer.headers(), answer.body()).isPresent()
          || repeatable && TransientFailures.isTransientStatus(answer.status());
    }

    @Override
    public Optional<Retrier.Retry> retry(IOException failure) {
      lastAsk = Optional.empty();
      GithubResponse answer = ((FailedRequest) failure).answer;
      if (answer == null) {
        Throwable cause = failure.getCause();
        lastFailure = Failures.describe(cause);
        boolean notSent =
            cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
        return (repeatable || notSent)
                && !(cause instanceof InterruptedIOException)
                && TransientFailures.isTransientIo(cause)
            ? Optional.of(Retrier.Retry.after(lastFailure))
            : Optional.empty();
      }
      Optional<RateLimitHeaders> rateLimit =
          RateLimitHeaders.of(answer.status(), answer.headers(), answer.body());
      if (rateLimit.isPresent()) {
        lastFailure = "HTTP " + answer.status() + " rate limited";
        lastAsk = Optional.of(policy.rateLimitWait(rateLimit.get(), ++rateLimits));
        return Optional.of(new Retrier.Retry(lastFailure, Optional.of(lastAsk.get().delay())));
      }
      lastFailure = "HTTP " + answer.status() + " " + answer.message();
      return Optional.of(Retrier.Retry.after(lastFailure));
    }

    @Override
    public IOException giveUp(GiveUp why, Optional<IOException> last) {
      Throwable cause = last.map(this::cause).orElse(null);
      return new GithubGaveUpException(message(why, last.isPresent()), cause);
    }

    private Throwable cause(IOException last) {
      GithubResponse answer = ((FailedRequest) last).answer;
      return answer == null ? last.getCause() : answer.toException(call);
    }

    private String message(GiveUp why, boolean attempted) {
      if (attempted && lastAsk.isPresent() && why instanceof GiveUp.OutOfTime outOfTime) {
        policy.givingUp(call, lastFailure, why);
        return "GitHub rate-limited "
            + call
            + " and asked to wait "
            + Retrier.seconds(lastAsk.get().delay())
            + " ("
            + lastAsk.get().asked()
            + "), longer than the "
            + Retrier.seconds(outOfTime.limit().minus(outOfTime.elapsed()))
            + " left of the "
            + Retrier.seconds(outOfTime.limit())
            + " the run allows its network calls; gave up without waiting. Run the job again"
            + " later";
      }
      return policy.gaveUp(call, attempted ? Optional.of(lastFailure) : Optional.empty(), why);
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
