package dev.provenanceaction.sigstore.rekor;

import dev.provenanceaction.sigstore.Background;
import dev.provenanceaction.sigstore.HttpStatusException;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Rekor's v1 HTTP API: proposes a {@code dsse} 0.0.1 entry with {@code POST /api/v1/log/entries}.
 * When the log already holds the entry (409, a re-run of the same job, or an answer lost to a
 * timeout and retried) it fetches the existing entry from the answer's {@code Location}.
 */
public final class RekorTransparencyLog implements TransparencyLog {
  public static final String SERVICE = "Rekor";
  private static final int MAX_ERROR_DETAIL = 200;

  private final URI baseUrl;
  private final SigstoreHttp http;

  private RekorTransparencyLog(URI baseUrl, SigstoreHttp http) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * A client for the Rekor at this base URL ({@code https://rekor.sigstore.dev}) over the run's
   * HTTP client.
   */
  public static RekorTransparencyLog of(URI baseUrl, SigstoreHttp http) {
    if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("a Rekor URL is http(s)://host[:port], not " + baseUrl);
    }
    return new RekorTransparencyLog(baseUrl, http);
  }

  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public LogEntry append(DsseEnvelope envelope, X509Certificate signingCertificate)
      throws SigstoreException {
    // The request is written on another thread while the connection to the log is made (for a
    // large release the envelope holds its whole statement in base64), and the envelope's hash,
    // which the entry must record, is taken there after it, while the log answers.
    CompletableFuture<byte[]> request = new CompletableFuture<>();
    CompletableFuture<String> envelopeSha256 =
        Background.start(
            "rekor-entry",
            () -> {
              try {
                DsseEntryBody.EnvelopeJson json = DsseEntryBody.EnvelopeJson.of(envelope);
                request.complete(RekorEntryJson.proposedDsseEntry(json, signingCertificate));
                return HexFormat.of().formatHex(json.sha256());
              } catch (RuntimeException | Error e) {
                request.completeExceptionally(e);
                throw e;
              }
            });
    SigstoreHttp.Request post =
        SigstoreHttp.Request.post(entriesUrl(), "application/json", request);
    RekorEntryJson.Entry entry =
        http.call(SERVICE, () -> propose(post, envelope, signingCertificate));
    String loggedHash = RekorEntryJson.envelopeHash(entry.logEntry().canonicalizedBody());
    if (!Background.await(envelopeSha256).equals(loggedHash)) {
      throw new SigstoreException(
          SERVICE, "entry " + entry.uuid() + " records a different envelope than the one proposed");
    }
    if (!DsseEntryBody.KIND.equals(entry.logEntry().kind())
        || !DsseEntryBody.API_VERSION.equals(entry.logEntry().version())) {
      throw new SigstoreException(
          SERVICE,
          "entry "
              + entry.uuid()
              + " is of kind "
              + entry.logEntry().kind()
              + " "
              + entry.logEntry().version()
              + ", not dsse 0.0.1");
    }
    return entry.logEntry();
  }

  /**
   * The entries Rekor's index holds under a SHA-256 digest (an artifact's, an in-toto payload's, an
   * envelope's): {@code POST /api/v1/index/retrieve {"hash":"sha256:<hex>"}}, then {@code GET
   * /api/v1/log/entries/<uuid>} for each UUID, in the index's order. At most {@code limit} entries
   * are fetched.
   *
   * @throws SigstoreException naming Rekor and the cause: a network failure, an HTTP error, an
   *     unusable answer
   */
  public List<RekorEntryJson.Entry> searchBySha256(String sha256Hex, int limit)
      throws SigstoreException {
    SigstoreHttp.Request search =
        SigstoreHttp.Request.post(
            url(RekorEntryJson.INDEX_PATH),
            "application/json",
            RekorEntryJson.indexQuery(sha256Hex));
    String answer = http.call(SERVICE, () -> send(search));
    List<String> uuids;
    try {
      uuids = RekorEntryJson.parseUuids(answer);
    } catch (IllegalArgumentException e) {
      throw new SigstoreException(SERVICE, "unusable index answer: " + e.getMessage());
    }
    List<RekorEntryJson.Entry> entries = new ArrayList<>();
    for (String uuid : uuids.subList(0, Math.min(limit, uuids.size()))) {
      SigstoreHttp.Request get =
          SigstoreHttp.Request.get(url(RekorEntryJson.ENTRIES_PATH + "/" + uuid));
      entries.add(parse(http.call(SERVICE, () -> send(get))));
    }
    return entries;
  }

  private String send(SigstoreHttp.Request request)
      throws IOException, InterruptedException, HttpStatusException {
    SigstoreHttp.Response response = http.send(request);
    if (response.status() != 200) {
      throw failure(response);
    }
    return response.text();
  }

  /** Proposes the entry; on a conflict (409), reads the one the log already holds. */
  private RekorEntryJson.Entry propose(
      SigstoreHttp.Request post, DsseEnvelope envelope, X509Certificate signingCertificate)
      throws IOException, InterruptedException, HttpStatusException, SigstoreException {
    SigstoreHttp.Response response = http.send(post);
    if (response.status() == 201) {
      return parse(response.text());
    }
    if (response.status() != 409) {
      throw failure(response);
    }
    Optional<URI> location = response.header("Location").map(baseUrl::resolve);
    URI existing =
        location.isPresent()
            ? location.get()
            : URI.create(
                entriesUrl()
                    + "/"
                    + RekorEntryJson.uuidOf(expectedBody(envelope, signingCertificate)));
    return parse(send(SigstoreHttp.Request.get(existing)));
  }

  /**
   * The canonical body of the entry the log holds for this envelope, whose hash is its UUID: made
   * only for a conflict answered without a {@code Location}, as its payload hash is a pass over the
   * whole statement.
   */
  private static byte[] expectedBody(DsseEnvelope envelope, X509Certificate signingCertificate) {
    return DsseEntryBody.of(DsseEntryBody.EnvelopeJson.of(envelope), envelope, signingCertificate)
        .canonicalJson();
  }

  private URI entriesUrl() {
    return url(RekorEntryJson.ENTRIES_PATH);
  }

  private URI url(String path) {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }

  private static RekorEntryJson.Entry parse(String body) throws SigstoreException {
    try {
      return RekorEntryJson.parse(body);
    } catch (IllegalArgumentException e) {
      throw new SigstoreException(SERVICE, "unusable answer: " + e.getMessage());
    }
  }

  private static HttpStatusException failure(SigstoreHttp.Response response) {
    String message = RekorEntryJson.errorMessage(response.text());
    if (message != null && message.length() > MAX_ERROR_DETAIL) {
      message = message.substring(0, MAX_ERROR_DETAIL) + "...";
    }
    return new HttpStatusException(response.status(), message);
  }
}
