package dev.provenanceaction.release;

import java.io.IOException;
import java.util.List;
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

  static boolean isTransientStatus(int status) {
    return status >= 500 || status == 408;
  }

  /**
   * Whether a failed step is worth another attempt: a server error, a reset or timeout (which
   * github-api reports as an {@link HttpException} without status), but not a 4xx.
   */
  static boolean isTransient(IOException failure) {
    if (failure instanceof GHFileNotFoundException) {
      return false;
    }
    if (failure instanceof HttpException http) {
      return http.getResponseCode() < 0 || isTransientStatus(http.getResponseCode());
    }
    if (failure instanceof GithubApiException api) {
      return isTransientStatus(api.status());
    }
    return true;
  }

  /** A one-line account of a failure, e.g. {@code HttpTimeoutException: request timed out}. */
  static String describe(Throwable failure) {
    if (failure instanceof HttpException http && http.getResponseCode() > 0) {
      return "HTTP " + http.getResponseCode() + " " + firstLine(http.getMessage());
    }
    Throwable cause = failure;
    while (cause.getCause() != null
        && (cause.getMessage() == null || cause instanceof HttpException)) {
      cause = cause.getCause();
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
