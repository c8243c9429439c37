package dev.provenanceaction.sigstore.tuf;

import dev.provenanceaction.sigstore.HttpStatusException;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.sigstore.tuf.Fetcher;
import dev.sigstore.tuf.FileExceedsMaxLengthException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fetches a TUF repository's files for sigstore-java's updater through the run's {@link
 * SigstoreHttp}: the mirror's TLS trust, its timeouts within the run's deadline and the Sigstore
 * retry policy. sigstore-java's own fetcher takes neither a trust store nor a time limit (60 s per
 * read, retried with a backoff of up to 15 minutes). 404 is how a repository says a file (the next
 * root) does not exist. Redirects are followed here, for these GETs only: the shared client follows
 * none, as the OIDC request's token must not go to another host.
 */
final class MirrorFetcher implements Fetcher {
  static final String SERVICE = "TUF";
  private static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  private final URI base;
  private final SigstoreHttp http;
  private final List<String> received;

  /**
   * @param received gets the name of each file the repository returned, so that a refusal can name
   *     the file it refused
   */
  MirrorFetcher(URI base, SigstoreHttp http, List<String> received) {
    this.base = base;
    this.http = http;
    this.received = received;
  }

  @Override
  public String getSource() {
    return base.toString();
  }

  @Override
  public byte[] fetchResource(String fileName, int maxLength)
      throws IOException, FileExceedsMaxLengthException {
    // Target names come from signed metadata, but must still not leave the repository's path.
    if (!FILE_NAME.matcher(fileName).matches() || fileName.contains("..")) {
      throw new IOException("refusing to fetch a file named '" + fileName + "'");
    }
    URI url = base.resolve(fileName);
    byte[] body;
    try {
      body = http.call(SERVICE, () -> get(url, maxLength));
    } catch (SigstoreException e) {
      throw new Unreachable(url, e);
    }
    if (body == null) {
      return null;
    }
    if (body.length > maxLength) {
      throw new FileExceedsMaxLengthException(url.toString(), maxLength);
    }
    received.add(fileName);
    return body;
  }

  /** The body, at most one byte more than allowed, or null for 404. */
  private byte[] get(URI url, int maxLength)
      throws IOException, InterruptedException, HttpStatusException {
    URI at = url;
    for (int redirects = 0; ; redirects++) {
      SigstoreHttp.Response response =
          http.send(SigstoreHttp.Request.get(at).withMaxBodyBytes(maxLength));
      int status = response.status();
      if (status == 404) {
        return null;
      }
      if (status == 200) {
        return response.body();
      }
      if (!REDIRECTS.contains(status)) {
        throw new HttpStatusException(status, null);
      }
      at = redirectTarget(response, redirects);
    }
  }

  /** Where a redirect leads, if it may be followed: not to plain HTTP, and not endlessly. */
  private static URI redirectTarget(SigstoreHttp.Response response, int redirectsSoFar)
      throws HttpStatusException {
    int status = response.status();
    URI from = response.uri();
    Optional<String> location = response.header("Location");
    if (location.isEmpty()) {
      throw new HttpStatusException(status, "redirect without a location");
    }
    URI to = from.resolve(location.get());
    if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme())) {
      throw new HttpStatusException(status, "refusing a redirect to " + to);
    }
    if (redirectsSoFar >= MAX_REDIRECTS) {
      throw new HttpStatusException(status, "more than " + MAX_REDIRECTS + " redirects");
    }
    return to;
  }

  /** A file could not be fetched, after retries: names it, with the retry policy's account. */
  static final class Unreachable extends IOException {
    Unreachable(URI url, SigstoreException failure) {
      super("cannot fetch " + url + ": " + failure.reason(), failure);
    }
  }
}
