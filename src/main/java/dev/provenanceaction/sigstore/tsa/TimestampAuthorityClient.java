package dev.provenanceaction.sigstore.tsa;

import dev.provenanceaction.sigstore.HttpStatusException;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.x509.Der;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * An RFC 3161 timestamp authority over HTTP, asked as sigstore-go and sigstore-python ask: {@code
 * POST} of a DER {@code TimeStampReq} over the SHA-256 of the signature, with a nonce and a request
 * for the signing certificate, as {@code application/timestamp-query}. The answer must grant it and
 * match the request (imprint, nonce); whether its signer is trusted is the self-check's question.
 */
public final class TimestampAuthorityClient {
  public static final String SERVICE = "Timestamp authority";
  public static final String QUERY_TYPE = "application/timestamp-query";
  public static final String REPLY_TYPE = "application/timestamp-reply";
  private static final SecureRandom NONCES = new SecureRandom();
  // id-sha256 (RFC 5754), its parameters absent as RFC 5754 and BouncyCastle's generator have them.
  private static final String SHA256_OID = "2.16.840.1.101.3.4.2.1";

  private final URI url;
  private final SigstoreHttp http;

  private TimestampAuthorityClient(URI url, SigstoreHttp http) {
    this.url = url;
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * A client for the authority at this URL ({@code
   * https://timestamp.sigstore.dev/api/v1/timestamp}).
   */
  public static TimestampAuthorityClient of(URI url, SigstoreHttp http) {
    if (url.getScheme() == null || url.getHost() == null) {
      throw new IllegalArgumentException(
          "a timestamp authority URL is http(s)://host[:port]/path, not " + url);
    }
    return new TimestampAuthorityClient(url, http);
  }

  public URI url() {
    return url;
  }

  /**
   * A DER {@code TimeStampResp} over this signature, as a bundle's {@code
   * rfc3161Timestamps[].signedTimestamp} holds it.
   */
  public byte[] timestamp(byte[] signature) throws SigstoreException {
    // Encoded here, not by BouncyCastle's TimeStampRequestGenerator: that one request would start
    // its table of every digest algorithm, about 25 ms of a cold run's CPU (BENCHMARKS.md).
    byte[] query =
        Der.sequence(
            Der.integer(BigInteger.ONE),
            Der.sequence(
                Der.sequence(Der.objectIdentifier(SHA256_OID)), Der.octetString(sha256(signature))),
            Der.integer(new BigInteger(63, NONCES)),
            Der.booleanTrue());
    TimeStampRequest request;
    try {
      request = new TimeStampRequest(query);
    } catch (IOException e) {
      throw new IllegalStateException("a TimeStampReq made here parses", e);
    }
    SigstoreHttp.Request post =
        SigstoreHttp.Request.post(url, QUERY_TYPE, query).withHeader("Accept", REPLY_TYPE);
    return http.call(SERVICE + " " + url.getHost(), () -> ask(post, request));
  }

  private byte[] ask(SigstoreHttp.Request post, TimeStampRequest request)
      throws IOException, InterruptedException, HttpStatusException, SigstoreException {
    SigstoreHttp.Response answer = http.send(post);
    if (answer.status() != 200 && answer.status() != 201) {
      throw new HttpStatusException(answer.status(), null);
    }
    try {
      TimeStampResponse response = new TimeStampResponse(answer.body());
      if (response.getStatus() != PKIStatus.GRANTED
          && response.getStatus() != PKIStatus.GRANTED_WITH_MODS) {
        throw new SigstoreException(
            SERVICE,
            url.getHost()
                + " refused the timestamp (status "
                + response.getStatus()
                + (response.getStatusString() == null ? "" : ": " + response.getStatusString())
                + ")");
      }
      response.validate(request);
      return answer.body();
    } catch (TSPException | IOException | RuntimeException e) {
      throw new SigstoreException(
          SERVICE, url.getHost() + " gave an unusable RFC 3161 answer: " + e.getMessage());
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
