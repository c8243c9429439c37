package dev.provenanceaction.sigstore;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The run's one HTTP client for the TUF repository, the OIDC token endpoint, Fulcio, Rekor and
 * timestamp authorities: one JDK {@link HttpClient} with the instance's TLS trust, so connections
 * and TLS sessions are shared, and one retry policy. It is made at first use, or on another thread
 * once {@link #prepare} is called: a run that signs with the ephemeral instance never starts it.
 *
 * <p>The bounds keep a dead service from holding up the run: 5 s to connect, 8 s per request, and
 * the {@linkplain RetryPolicy#standard() standard} retries (4 attempts, waits from 1 s doubling).
 * Under the standard policy's own 15 s, a refused connection or a service that answers 503 each
 * time gives up after 4 attempts and at most 7 s of waiting; one that never answers, after 2
 * attempts and about 17 s. Under the run's {@link dev.provenanceaction.retry.Deadline} (50 s),
 * which replaces those 15 s in the action, one that never answers gives up after 4 attempts and
 * about 40 s ({@code scripts/bench-dead-sigstore}). Each request's time is also cut to what is left
 * of the policy's deadline, so however many services are slow, the run's last request ends at the
 * deadline, not 8 s past it.
 */
public final class SigstoreHttp {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
  private static final String USER_AGENT = "provenance-action";

  private final TlsTrust tlsTrust;
  private final RetryPolicy retryPolicy;
  private final Duration requestTimeout;
  private CompletableFuture<HttpClient> client;

  private SigstoreHttp(TlsTrust tlsTrust, RetryPolicy retryPolicy, Duration requestTimeout) {
    this.tlsTrust = Objects.requireNonNull(tlsTrust, "tlsTrust");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /** The standard bounds, trusting these CAs for TLS. */
  public static SigstoreHttp create(TlsTrust tlsTrust, RetryPolicy retryPolicy) {
    return create(tlsTrust, retryPolicy, REQUEST_TIMEOUT);
  }

  /** As {@link #create(TlsTrust, RetryPolicy)} with another time allowed per request. */
  public static SigstoreHttp create(
      TlsTrust tlsTrust, RetryPolicy retryPolicy, Duration requestTimeout) {
    return new SigstoreHttp(tlsTrust, retryPolicy, requestTimeout);
  }

  /** A request to this URL with the per-request timeout, asking for JSON. */
  public HttpRequest.Builder request(URI url) {
    return HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("User-Agent", USER_AGENT)
        .header("Accept", "application/json");
  }

  /** One attempt; the body as text whatever the status. */
  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * One attempt, the body as the handler reads it whatever the status (RFC 3161 answers are DER, a
   * TUF file is read only up to its length limit).
   */
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    return client().send(withinDeadline(request), body);
  }

  /** Runs a call under the retry policy; see {@link RetryPolicy#run}. */
  public <T> T call(String service, RetryPolicy.Attempt<T> attempt) throws SigstoreException {
    return retryPolicy.run(service, attempt);
  }

  /**
   * The request with its timeout cut to what is left of the run's deadline. Callers build a request
   * once and send it on each attempt, so the cut is made here, at each sending. The JDK counts a
   * request's timeout from before it connects, so it bounds the TCP connection and the TLS
   * handshake too, which the client's fixed connect timeout cannot follow.
   */
  private HttpRequest withinDeadline(HttpRequest request) {
    Duration own = request.timeout().orElse(requestTimeout);
    return HttpRequest.newBuilder(request, (name, value) -> true)
        .timeout(retryPolicy.retrier().deadline().timeout(own))
        .build();
  }

  /**
   * Starts making the client on another thread, so that the TLS trust (the JDK's CA certificates
   * read and parsed) is set up beside the run's other preparation rather than before its first
   * request.
   */
  public synchronized void prepare() {
    if (client == null) {
      client = Background.start("http-client", this::newClient);
    }
  }

  private HttpClient client() {
    synchronized (this) {
      if (client == null) {
        client = CompletableFuture.completedFuture(newClient());
      }
    }
    // Made on another thread: its failure (TLS trust that cannot be set up) as if made here.
    return Background.await(client, RuntimeException.class);
  }

  private HttpClient newClient() {
    return HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .sslContext(tlsTrust.sslContext())
        .build();
  }
}
