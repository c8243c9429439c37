package dev.provenanceaction.retry;

import java.io.IOException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one rule, for every service the run talks to, of which failures another attempt may cure:
 * HTTP 408, 429 and 5xx, and I/O errors (refused connections, resets, timeouts), but not a failed
 * TLS handshake, which fails the same way every time. How long to wait, and whether a request may
 * be sent twice, each protocol decides for itself.
 */
public final class TransientFailures {
  private TransientFailures() {}

  /** 408 Request Timeout, 429 Too Many Requests and every 5xx. */
  public static boolean isTransientStatus(int status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
  }

  /** An I/O error other than a failed TLS handshake, anywhere in its causes. */
  public static boolean isTransientIo(Throwable failure) {
    return failure instanceof IOException && tlsHandshakeFailure(failure).isEmpty();
  }

  /**
   * The failed TLS handshake among the causes: an untrusted or mismatched certificate, which some
   * clients report wrapped in another failure (gRPC as {@code UNAVAILABLE}, github-api as an {@code
   * HttpException}).
   */
  public static Optional<SSLHandshakeException> tlsHandshakeFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLHandshakeException handshake) {
        return Optional.of(handshake);
      }
    }
    return Optional.empty();
  }
}
