package dev.provenanceaction.release;

import dev.provenanceaction.retry.TransientFailures;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.PagedIterable;

/** Which failures of a call to GitHub a retry can cure, and how to name them to a person. */
final class Failures {
  private Failures() {}

  /**
   * Every page of a github-api listing. Its iterator reports a failed page as an unchecked {@link
   * GHException}; this gives back the {@link IOException} inside, so retries and messages see it.
   */
  static <T> List<T> allPages(PagedIterable<T> listing) throws IOException {
    try {
      return listing.toList();
    } catch (GHException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof IOException io) {
          throw io;
        }
      }
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Whether a failed step is worth another attempt, by the rule {@link TransientFailures} gives
   * every service: a 408, 429 or 5xx answer, a reset or timeout (which github-api reports as an
   * {@link HttpException} without status), but not a 4xx, a failed TLS handshake, or a call the
   * transport already retried as far as it could.
   */
  static boolean isTransient(IOException failure) {
    if (failure instanceof GHFileNotFoundException || givenUp(failure)) {
      return false;
    }
    if (failure instanceof HttpException http && http.getResponseCode() >= 0) {
      return TransientFailures.isTransientStatus(http.getResponseCode());
    }
    if (failure instanceof GithubApiException api) {
      return TransientFailures.isTransientStatus(api.status());
    }
    return TransientFailures.isTransientIo(failure);
  }

  private static boolean givenUp(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof GithubGaveUpException) {
        return true;
      }
    }
    return false;
  }

  /** A one-line account of a failure, e.g. {@code HttpTimeoutException: request timed out}. */
  static String describe(Throwable failure) {
    if (failure instanceof HttpException http && http.getResponseCode() > 0) {
      return "HTTP " + http.getResponseCode() + " " + firstLine(http.getMessage());
    }
    Throwable cause = failure;
    while (cause.getCause() != null
        && !(cause instanceof GithubGaveUpException)
        && (cause.getMessage() == null || cause instanceof HttpException)) {
      cause = cause.getCause();
    }
    if (cause instanceof GithubGaveUpException) {
      return cause.getMessage();
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException connect) {
        // The JDK's client reports a refused connection without a message.
        return "ConnectException: "
            + (connect.getMessage() == null ? "connection refused" : connect.getMessage());
      }
    }
    Optional<SSLHandshakeException> handshake = TransientFailures.tlsHandshakeFailure(failure);
    if (handshake.isPresent()) {
      return "TLS handshake failed, is the server's certificate trusted? ("
          + firstLine(handshake.get().getMessage())
          + ")";
    }
    String message = cause.getMessage();
    String name = cause.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + firstLine(message);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
