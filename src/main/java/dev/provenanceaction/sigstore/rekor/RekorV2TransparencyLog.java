package dev.provenanceaction.sigstore.rekor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.HttpStatusException;
import dev.provenanceaction.sigstore.ProtoJson;
import dev.provenanceaction.sigstore.ProtoJsonException;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Rekor v2 (rekor-tiles): logs an envelope as a {@code hashedrekord} 0.0.2 entry over the SHA-256
 * of its PAE with {@code POST /api/v2/log/entries}, as sigstore-python and sigstore-go do (the log
 * takes no {@code dsse} request). The answer is the bundle's {@code TransparencyLogEntry} itself:
 * an inclusion proof with a checkpoint, no SET and no integrated time, so the bundle needs an RFC
 * 3161 timestamp for its signing time.
 */
public final class RekorV2TransparencyLog implements TransparencyLog {
  public static final String SERVICE = "Rekor v2";
  public static final String ENTRIES_PATH = "/api/v2/log/entries";
  public static final String KIND = "hashedrekord";
  public static final String VERSION = "0.0.2";
  private static final int MAX_ERROR_DETAIL = 200;
  private static final JsonFactory JSON = new JsonFactory();

  private final URI entriesUrl;
  private final SigstoreHttp http;

  private RekorV2TransparencyLog(URI entriesUrl, SigstoreHttp http) {
    this.entriesUrl = entriesUrl;
    this.http = Objects.requireNonNull(http, "http");
  }

  /** A client for the log at this base URL ({@code https://log2025-1.rekor.sigstore.dev}). */
  public static RekorV2TransparencyLog of(URI baseUrl, SigstoreHttp http) {
    if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("a Rekor URL is http(s)://host[:port], not " + baseUrl);
    }
    String base = baseUrl.toString();
    return new RekorV2TransparencyLog(
        URI.create(
            (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + ENTRIES_PATH),
        http);
  }

  @Override
  public LogEntry append(DsseEnvelope envelope, X509Certificate signingCertificate)
      throws SigstoreException {
    SigstoreHttp.Request post =
        SigstoreHttp.Request.post(
            entriesUrl,
            "application/json",
            request(envelope.paeSha256(), envelope.signature(), signingCertificate));
    LogEntry entry = http.call(SERVICE, () -> propose(post));
    if (!KIND.equals(entry.kind()) || !VERSION.equals(entry.version())) {
      throw new SigstoreException(
          SERVICE,
          "entry "
              + entry.logIndex()
              + " is of kind "
              + entry.kind()
              + " "
              + entry.version()
              + ", not "
              + KIND
              + " "
              + VERSION);
    }
    if (entry.inclusionProof() == null || entry.inclusionProof().checkpoint() == null) {
      throw new SigstoreException(
          SERVICE,
          "entry " + entry.logIndex() + " comes without an inclusion proof and checkpoint");
    }
    return entry;
  }

  /**
   * The {@code CreateEntryRequest} JSON: {@code {"hashedRekordRequestV002": {"digest", "signature":
   * {"content", "verifier": {"x509Certificate": {"rawBytes"}, "keyDetails"}}}}}.
   */
  static String request(byte[] digest, byte[] signature, X509Certificate certificate) {
    StringWriter out = new StringWriter(2048);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("hashedRekordRequestV002");
      json.writeBinaryField("digest", digest);
      json.writeObjectFieldStart("signature");
      json.writeBinaryField("content", signature);
      json.writeObjectFieldStart("verifier");
      json.writeObjectFieldStart("x509Certificate");
      json.writeBinaryField("rawBytes", certificate.getEncoded());
      json.writeEndObject();
      json.writeStringField("keyDetails", Ecdsa.P256_KEY_DETAILS);
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("an issued certificate has an encoding", e);
    }
    return out.toString();
  }

  private LogEntry propose(SigstoreHttp.Request post)
      throws IOException, InterruptedException, HttpStatusException, SigstoreException {
    SigstoreHttp.Response response = http.send(post);
    int status = response.status();
    if (status != 200 && status != 201) {
      String detail = RekorEntryJson.errorMessage(response.text());
      if (detail != null && detail.length() > MAX_ERROR_DETAIL) {
        detail = detail.substring(0, MAX_ERROR_DETAIL) + "...";
      }
      throw new HttpStatusException(status, detail);
    }
    try {
      return TransparencyLogEntryJson.read(
          ProtoJson.parse(response.text(), "Rekor v2 TransparencyLogEntry"));
    } catch (ProtoJsonException e) {
      throw new SigstoreException(SERVICE, "unusable answer: " + e.getMessage());
    }
  }
}
