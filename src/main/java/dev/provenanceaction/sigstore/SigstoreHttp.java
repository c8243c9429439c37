package dev.provenanceaction.sigstore;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * The run's one HTTP client for the TUF repository, the OIDC token endpoint, Fulcio, Rekor and
 * timestamp authorities: HTTP/1.1 over the JDK's {@link HttpsURLConnection} with the instance's TLS
 * trust, so that connections kept alive and TLS sessions are shared, and one retry policy. Not the
 * JDK's {@code java.net.http.HttpClient}: in a cold JVM, as every run is, it took about 100 ms more
 * over a signing run's three requests, most of it in the first (its start loads some 340 classes,
 * spins 170 lambdas and runs a selector thread). The TLS socket factory is made at first use, or on
 * another thread once {@link #prepare} is called: a run that signs with the ephemeral instance
 * never makes it.
 *
 * <p>The bounds keep a dead service from holding up the run: 5 s to connect, 8 s per request
 * (connection, TLS handshake and the answer's head together; a body that stalls may take one read
 * timeout more, see {@link HttpAttempt}), and the {@linkplain RetryPolicy#standard() standard}
 * retries (4 attempts, waits from 1 s doubling). Under the standard policy's own 15 s, a refused
 * connection or a service that answers 503 each time gives up after 4 attempts and at most 7 s of
 * waiting; one that never answers, after 2 attempts and about 17 s. Under the run's {@link
 * dev.provenanceaction.retry.Deadline} (50 s), which replaces those 15 s in the action, one that
 * never answers gives up after 4 attempts and about 40 s ({@code scripts/bench-dead-sigstore}).
 * Each request's time is also cut to what is left of the policy's deadline, so however many
 * services are slow, the run's last request ends at the deadline (its answer's head; a stalling
 * body within one read timeout of it), not 8 s past it.
 */
public final class SigstoreHttp {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);

  private static boolean defaultSocketsSet;

  private final TlsTrust tlsTrust;
  private final RetryPolicy retryPolicy;
  private final Duration requestTimeout;
  private CompletableFuture<SSLSocketFactory> sockets;

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

  /**
   * A request, built once and sent on each attempt.
   *
   * @param method {@code GET} or {@code POST}
   * @param headers sent besides {@code User-Agent} and, unless they name their own, {@code Accept:
   *     application/json}; by name in any case
   * @param body what a {@code POST} sends, awaited once the connection is made: a body still being
   *     written on another thread is finished while the TLS handshake runs
   * @param maxBodyBytes if given, the answer's body is read up to one byte more than this, so that
   *     an answer too long is seen as such without being read whole (a TUF file's length limit)
   * @param sendAfter awaited once the connection is made, before anything is sent: a request can
   *     make its TLS connection while what it depends on is still being checked. Its wait is not
   *     part of the request's time; its failure ends the request unsent, and not retried
   */
  public record Request(
      String method,
      URI uri,
      Map<String, String> headers,
      Optional<CompletableFuture<byte[]>> body,
      OptionalInt maxBodyBytes,
      CompletableFuture<?> sendAfter) {
    private static final CompletableFuture<?> AT_ONCE = CompletableFuture.completedFuture(null);

    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(maxBodyBytes, "maxBodyBytes");
      Objects.requireNonNull(sendAfter, "sendAfter");
      headers = byAnyCase(headers);
    }

    public static Request get(URI uri) {
      return new Request("GET", uri, Map.of(), Optional.empty(), OptionalInt.empty(), AT_ONCE);
    }

    public static Request post(URI uri, String contentType, byte[] body) {
      return post(uri, contentType, CompletableFuture.completedFuture(body));
    }

    /** A body still being written, on another thread; its failure fails each attempt. */
    public static Request post(URI uri, String contentType, CompletableFuture<byte[]> body) {
      return new Request(
          "POST",
          uri,
          Map.of("Content-Type", contentType),
          Optional.of(body),
          OptionalInt.empty(),
          AT_ONCE);
    }

    /** A text body, sent as UTF-8. */
    public static Request post(URI uri, String contentType, String body) {
      return post(uri, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public Request withHeader(String name, String value) {
      Map<String, String> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      more.putAll(headers);
      more.put(name, value);
      return new Request(method, uri, more, body, maxBodyBytes, sendAfter);
    }

    public Request withMaxBodyBytes(int max) {
      return new Request(method, uri, headers, body, OptionalInt.of(max), sendAfter);
    }

    /** Sent only once {@code ready} completes; see {@link Request}. */
    public Request withSendAfter(CompletableFuture<?> ready) {
      return new Request(method, uri, headers, body, maxBodyBytes, ready);
    }

    /** Without the headers: one may hold a bearer token. */
    @Override
    public String toString() {
      return method + " " + uri;
    }

    private static <V> Map<String, V> byAnyCase(Map<String, V> map) {
      Map<String, V> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      copy.putAll(map);
      return Collections.unmodifiableMap(copy);
    }
  }

  /**
   * An answer, whatever its status.
   *
   * @param uri where the request went
   * @param headers by name in any case, each with its values in the order received
   * @param body the whole body, or what was read of it under the request's {@code maxBodyBytes}
   */
  public record Response(URI uri, int status, Map<String, List<String>> headers, byte[] body) {
    public Response {
      Objects.requireNonNull(uri, "uri");
      headers = Request.byAnyCase(headers);
      Objects.requireNonNull(body, "body");
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The header's first value. */
    public Optional<String> header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
  }

  /**
   * One attempt, the answer whatever its status, within the per-request time cut to what is left of
   * the run's deadline. Callers build a request once and send it on each attempt, so the cut is
   * made here, at each sending, and again when a request that waited ({@code sendAfter}) may be
   * sent. A request once begun runs to its end or its time: the JDK's connection does not notice
   * interrupts; an interrupted thread sends nothing more.
   */
  public Response send(Request request) throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("not sent: " + request);
    }
    SSLSocketFactory tls = "https".equalsIgnoreCase(request.uri().getScheme()) ? sockets() : null;
    return HttpAttempt.send(
        request, tls, () -> retryPolicy.retrier().deadline().timeout(requestTimeout));
  }

  /** Runs a call under the retry policy; see {@link RetryPolicy#run}. */
  public <T> T call(String service, RetryPolicy.Attempt<T> attempt) throws SigstoreException {
    return retryPolicy.run(service, attempt);
  }

  /**
   * Starts making the TLS socket factory on another thread, so that the TLS trust (the JDK's CA
   * certificates read and parsed) is set up beside the run's other preparation rather than before
   * its first request.
   */
  public synchronized void prepare() {
    if (sockets == null) {
      sockets = Background.start("tls-trust", this::newSockets);
    }
  }

  private SSLSocketFactory sockets() {
    synchronized (this) {
      if (sockets == null) {
        sockets = CompletableFuture.completedFuture(newSockets());
      }
    }
    // Made on another thread: its failure (TLS trust that cannot be set up) as if made here.
    return Background.await(sockets, RuntimeException.class);
  }

  private SSLSocketFactory newSockets() {
    setDefaultSockets();
    return ChaChaFirst.sockets(tlsTrust.sslContext());
  }

  /**
   * Each HttpsURLConnection is made with the JDK's default socket factory before it is given ours;
   * unless a default is set, the first one makes the JDK's own TLS context only to drop it (the
   * JDK's CA certificates read and parsed again, about 70 ms in a cold JVM). The default set
   * instead trusts the JDK's CAs only, as the JDK's own would, and reads them only if something
   * ever connects with it: never a custom instance's CA for every host.
   */
  private static synchronized void setDefaultSockets() {
    if (!defaultSocketsSet) {
      HttpsURLConnection.setDefaultSSLSocketFactory(
          TlsTrust.jdkDefaults().sslContext().getSocketFactory());
      defaultSocketsSet = true;
    }
  }
}
