package dev.provenanceaction.sigstore;

import dev.provenanceaction.retry.Retrier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;

/**
 * One attempt at a {@link SigstoreHttp.Request}: one use of a JDK {@link HttpURLConnection}, whose
 * connection the JDK keeps alive for the next request to the same host once the answer is read to
 * its end.
 *
 * <p>Its time {@code t} bounds the attempt, from before it connects: the TCP connection may take at
 * most 5 s of it and each read at most {@code t}; a cut-off disconnects an exchange that has no
 * answer's status and headers by {@code t}, which no read timeout catches when a TLS handshake or
 * an answer's head trickles in; the body, read here, is given up at the first read that would begin
 * past {@code t}, so a body that stalls may take one read timeout more (the cut-off cannot close a
 * body being read: the JDK's close waits for the read), and a body written is bounded by the socket
 * alone. Whatever stops it in time fails as a {@link SocketTimeoutException} that says how long it
 * ran, an I/O failure that {@link RetryPolicy} retries. A request made to wait ({@code sendAfter})
 * waits with its connection made and no cut-off, and its time begins again once it may be sent; a
 * GET whose connection the server closed, idle, meanwhile is sent by the JDK on a new connection at
 * once, as no failure.
 */
final class HttpAttempt implements Runnable {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final String USER_AGENT = "provenance-action";
  private static final String RETRY_POST = "sun.net.http.retryPost";
  private static final Duration CUTOFF_REPEAT = Duration.ofMillis(100);

  /** The longest array a JDK allows. */
  private static final int MAX_BODY = Integer.MAX_VALUE - 8;

  private static final ScheduledThreadPoolExecutor CUTOFFS = cutoffs();

  static {
    // Unless told otherwise, the JDK sends a buffered POST again, unasked and unlogged, when
    // reading the answer fails (a kept-alive connection the server had closed, a reset): only the
    // retry policy is to ask Fulcio, Rekor or a timestamp authority again. The JDK reads this once,
    // at its first HTTP connection: in the action, the first request made here. A GET it may still
    // send again once, which asks nothing twice.
    if (System.getProperty(RETRY_POST) == null) {
      System.setProperty(RETRY_POST, "false");
    }
  }

  private final HttpURLConnection connection;
  private final Supplier<Duration> timeouts;
  private Duration timeout;
  private long start = System.nanoTime();
  private volatile boolean cutOff;
  private volatile boolean finished;
  private boolean connected;

  private HttpAttempt(HttpURLConnection connection, Supplier<Duration> timeouts) {
    this.connection = connection;
    this.timeouts = timeouts;
    this.timeout = timeouts.get();
  }

  /**
   * Sends the request and reads the answer within the time {@code timeouts} gives when it begins,
   * and again once a request that waits ({@code sendAfter}) may be sent.
   *
   * @param tls the socket factory for an {@code https} request, null for {@code http}
   */
  static SigstoreHttp.Response send(
      SigstoreHttp.Request request, SSLSocketFactory tls, Supplier<Duration> timeouts)
      throws IOException {
    // Through the JDK's default ProxySelector, as java.net.http did: a proxy set by the
    // https.proxy*
    // system properties (JAVA_TOOL_OPTIONS) is still used.
    HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
    NameCheck names = new NameCheck();
    if (connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(tls);
      https.setHostnameVerifier(names);
    }
    HttpAttempt attempt = new HttpAttempt(connection, timeouts);
    try {
      return attempt.exchange(request);
    } catch (SocketTimeoutException e) {
      throw attempt.timedOut();
    } catch (IOException e) {
      throw names.refusal(e).orElseThrow(() -> e);
    }
  }

  /**
   * The server's host name is checked by HttpsURLConnection itself once the handshake is done,
   * before anything is written: by the JDK's own check of the certificate's names, which calls this
   * verifier only when the names do not match, and this verifier refuses too. It replaces the check
   * that the JDK's default verifier has the handshake's trust manager make, the same check but for
   * one more rule on wildcards no public CA may issue, which reads the JDK's whole cacerts a second
   * time ({@code sun.security.util.AnchorCertificates}): 40 ms of CPU in a cold run, a tenth of a
   * signing run's (BENCHMARKS.md, session 9). A refusal fails as a TLS handshake does, never
   * retried.
   */
  private static final class NameCheck implements HostnameVerifier {
    private volatile String refused;

    @Override
    public boolean verify(String host, SSLSession session) {
      String names;
      try {
        Collection<List<?>> alternatives =
            ((X509Certificate) session.getPeerCertificates()[0]).getSubjectAlternativeNames();
        names =
            alternatives == null
                ? "no name"
                : alternatives.stream()
                    .map(name -> String.valueOf(name.get(1)))
                    .collect(Collectors.joining(", ", "only ", ""));
      } catch (SSLPeerUnverifiedException | CertificateParsingException | RuntimeException e) {
        names = "no name it can show";
      }
      refused = "the server's certificate names " + names + ", not " + host;
      return false;
    }

    Optional<IOException> refusal(IOException failure) {
      if (refused == null) {
        return Optional.empty();
      }
      SSLHandshakeException refusal = new SSLHandshakeException(refused);
      refusal.initCause(failure);
      return Optional.of(refusal);
    }
  }

  private SigstoreHttp.Response exchange(SigstoreHttp.Request request) throws IOException {
    long millis = Math.max(1, timeout.toMillis());
    connection.setConnectTimeout((int) Math.min(CONNECT_TIMEOUT.toMillis(), millis));
    setReadTimeout();
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setRequestMethod(request.method());
    connection.setRequestProperty("User-Agent", USER_AGENT);
    if (!request.headers().containsKey("Accept")) {
      connection.setRequestProperty("Accept", "application/json");
    }
    request.headers().forEach(connection::setRequestProperty);
    CompletableFuture<byte[]> toSend = request.body().orElse(null);
    // The body is buffered by the JDK, not streamed (setFixedLengthStreamingMode): the JDK drops
    // the body of a 401 answer to a streamed request, and Fulcio's says why it refused a token.
    // Buffered, it need not be known when the connection is made: one still being written (a large
    // release's Rekor entry) is awaited after the TLS handshake, and nothing is sent before it is.
    connection.setDoOutput(toSend != null);
    ScheduledFuture<?> cutoff = CUTOFFS.schedule(this, timeout.toNanos(), TimeUnit.NANOSECONDS);
    try {
      connection.connect();
      connected = true;
      boolean waits = !request.sendAfter().isDone();
      if (waits && !cutoff.cancel(false)) {
        throw new SocketTimeoutException();
      }
      Background.await(request.sendAfter(), RuntimeException.class);
      if (waits) {
        start = System.nanoTime();
        timeout = timeouts.get();
        setReadTimeout();
        cutoff = CUTOFFS.schedule(this, timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
      if (toSend != null) {
        byte[] sent = Background.await(toSend, RuntimeException.class);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(sent);
        }
      }
      int status = connection.getResponseCode();
      if (!cutoff.cancel(false)) {
        throw new SocketTimeoutException();
      }
      if (status < 0) {
        throw new IOException("the answer is not HTTP");
      }
      // Read one field at a time: JDK 17's getHeaderFields() lists a repeated header's values
      // last first, and keys them by the case each was sent in.
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 1; connection.getHeaderField(i) != null; i++) {
        String name = connection.getHeaderFieldKey(i);
        if (name != null) {
          headers.computeIfAbsent(name, any -> new ArrayList<>()).add(connection.getHeaderField(i));
        }
      }
      InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      int limit =
          request.maxBodyBytes().isPresent()
              ? (int) Math.min(MAX_BODY, request.maxBodyBytes().getAsInt() + 1L)
              : MAX_BODY;
      return new SigstoreHttp.Response(request.uri(), status, headers, read(body, limit));
    } catch (IOException | RuntimeException e) {
      // The cut-off's disconnect() breaks the exchange wherever it was, with a closed socket or,
      // as a JDK connection is not made to be used from two threads, whatever its state then
      // gives: that failure is the timeout.
      if (cutOff) {
        throw new SocketTimeoutException();
      }
      connection.disconnect(); // A failed exchange leaves nothing worth keeping alive.
      throw e;
    } finally {
      finished = true;
      cutoff.cancel(false);
    }
  }

  private void setReadTimeout() {
    connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
  }

  /**
   * Up to {@code limit} bytes; the stream, read to its end, returns the connection to the JDK's
   * keep-alive cache when closed.
   */
  private byte[] read(InputStream body, int limit) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    long end = start + timeout.toNanos();
    try (body) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (out.size() < limit) {
        if (System.nanoTime() - end > 0) {
          throw new SocketTimeoutException();
        }
        int n = body.read(buffer, 0, Math.min(buffer.length, limit - out.size()));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  /**
   * The cut-off. Each disconnect runs on a thread of its own, as closing a TLS socket can wait for
   * a write under way, and no cut-off may wait for another's. Until the exchange ends it is tried
   * again: one made while the TCP connection is still being made does nothing, as the JDK knows its
   * connection only once it is made.
   */
  @Override
  public void run() {
    cutOff = true;
    if (!finished) {
      Background.start(
          "http-cutoff",
          () -> {
            connection.disconnect();
            return null;
          });
      CUTOFFS.schedule(this, CUTOFF_REPEAT.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  private SocketTimeoutException timedOut() {
    return new SocketTimeoutException(
        (connected ? "request" : "connect")
            + " timed out after "
            + Retrier.seconds(Duration.ofNanos(System.nanoTime() - start)));
  }

  private static ScheduledThreadPoolExecutor cutoffs() {
    ScheduledThreadPoolExecutor cutoffs =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "http-cutoff");
              thread.setDaemon(true);
              return thread;
            });
    // Nearly every cut-off is cancelled; it need not wait in the queue for its time.
    cutoffs.setRemoveOnCancelPolicy(true);
    return cutoffs;
  }
}
