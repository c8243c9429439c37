package dev.provenanceaction.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Faults the GitHub double produces for the next matching requests: an error status with headers
 * (500, 502, 503, 403 or 429 with or without {@code retry-after}), a dropped connection mid-upload,
 * or a 502 that leaves a {@code starter} asset, as GitHub's upload service is reported to do.
 */
public final class GithubFaults {
  /** What goes wrong. */
  public enum Kind {
    STATUS,
    DROP_CONNECTION,
    STARTER_AND_502
  }

  /** One fault, for requests whose method and path match. */
  public record Fault(
      String method,
      Pattern path,
      Kind kind,
      int status,
      Map<String, String> headers,
      String message) {}

  private final List<Fault> pending = new ArrayList<>();

  /**
   * The next {@code count} requests matching answer {@code status} with these headers; a 403 or 429
   * says it is a secondary rate limit, as GitHub's does.
   */
  public void failNext(
      String method, String pathRegex, int count, int status, Map<String, String> headers) {
    failNext(
        method,
        pathRegex,
        count,
        status,
        headers,
        status == 403 || status == 429
            ? "You have exceeded a secondary rate limit. Please wait a few minutes before you"
                + " try again."
            : "Server Error");
  }

  /** As above with GitHub's {@code message}. */
  public synchronized void failNext(
      String method,
      String pathRegex,
      int count,
      int status,
      Map<String, String> headers,
      String message) {
    for (int i = 0; i < count; i++) {
      pending.add(
          new Fault(method, Pattern.compile(pathRegex), Kind.STATUS, status, headers, message));
    }
  }

  /** The next upload reads a few bytes, leaves a {@code starter} asset and drops the connection. */
  public synchronized void dropNextUpload() {
    pending.add(
        new Fault("POST", Pattern.compile(".*/assets$"), Kind.DROP_CONNECTION, 0, Map.of(), ""));
  }

  /** The next upload leaves a {@code starter} asset and answers 502. */
  public synchronized void starterOnNextUpload() {
    pending.add(
        new Fault(
            "POST",
            Pattern.compile(".*/assets$"),
            Kind.STARTER_AND_502,
            502,
            Map.of(),
            "Bad Gateway"));
  }

  synchronized Fault next(String method, String path) {
    for (int i = 0; i < pending.size(); i++) {
      Fault fault = pending.get(i);
      if (fault.method().equals(method) && fault.path().matcher(path).matches()) {
        return pending.remove(i);
      }
    }
    return null;
  }

  public synchronized int pendingCount() {
    return pending.size();
  }
}
