package dev.provenanceaction.sigstore.tuf;

import dev.provenanceaction.sigstore.HttpStatusException;
import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.TlsTrust;
import dev.sigstore.tuf.Fetcher;
import dev.sigstore.tuf.FileExceedsMaxLengthException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fetches a TUF repository's files for sigstore-java's updater over the JDK's HTTP client, with the
 * mirror's TLS trust, a timeout per request and the Sigstore retry policy: sigstore-java's own
 * fetcher takes neither a trust store nor a time limit (60 s per read, retried with a backoff of up
 * to 15 minutes). 404 is how a repository says a file (the next root) does not exist.
 */
final class MirrorFetcher implements Fetcher {
  static final String SERVICE = "TUF";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  private final URI base;
  private final HttpClient client;
  private final RetryPolicy retries;
  private final List<String> received;

  /**
   * @param received gets the name of each file the repository returned, so that a refusal can name
   *     the file it refused
   */
  MirrorFetcher(URI base, TlsTrust tls, RetryPolicy retries, List<String> received) {
    this.base = base;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .sslContext(tls.sslContext())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.retries = retries;
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
      body = retries.run(SERVICE, () -> get(url, maxLength));
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
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() == 404) {
        return null;
      }
      if (response.statusCode() != 200) {
        throw new HttpStatusException(response.statusCode(), null);
      }
      return body.readNBytes(maxLength + 1);
    }
  }

  /** A file could not be fetched, after retries: names it, with the retry policy's account. */
  static final class Unreachable extends IOException {
    Unreachable(URI url, SigstoreException failure) {
      super(
          "cannot fetch "
              + url
              + ": "
              + failure.getMessage().substring(SERVICE.length() + ": ".length()),
          failure);
    }
  }
}
