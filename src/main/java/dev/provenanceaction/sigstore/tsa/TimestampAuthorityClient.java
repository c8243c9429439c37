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
import java.util.Optional;

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
    byte[] imprint = sha256(signature);
    BigInteger nonce = new BigInteger(63, NONCES);
    // Encoded here, as the answer is read, rather than by BouncyCastle (TimestampResponse says
    // why).
    byte[] query =
        Der.sequence(
            Der.integer(BigInteger.ONE),
            Der.sequence(
                Der.sequence(Der.objectIdentifier(TimestampToken.SHA256)),
                Der.octetString(imprint)),
            Der.integer(nonce),
            Der.booleanTrue());
    SigstoreHttp.Request post =
        SigstoreHttp.Request.post(url, QUERY_TYPE, query).withHeader("Accept", REPLY_TYPE);
    return http.call(SERVICE + " " + url.getHost(), () -> ask(post, imprint, nonce));
  }

  private byte[] ask(SigstoreHttp.Request post, byte[] imprint, BigInteger nonce)
      throws IOException, InterruptedException, HttpStatusException, SigstoreException {
    SigstoreHttp.Response answer = http.send(post);
    if (answer.status() != 200 && answer.status() != 201) {
      throw new HttpStatusException(answer.status(), null);
    }
    TimestampResponse response;
    try {
      response = TimestampResponse.parse(answer.body());
    } catch (TimestampException e) {
      throw unusable(e.getMessage());
    }
    if (!response.granted()) {
      throw new SigstoreException(
          SERVICE,
          url.getHost()
              + " refused the timestamp (status "
              + response.status()
              + response.statusText().map(text -> ": " + text).orElse("")
              + ")");
    }
    TimestampToken token =
        response.token().orElseThrow(() -> unusable("it granted the request but holds no token"));
    if (!TimestampToken.SHA256.equals(token.imprintAlgorithm())
        || !MessageDigest.isEqual(token.imprint(), imprint)) {
      throw unusable("its message imprint is not the request's");
    }
    if (!token.nonce().equals(Optional.of(nonce))) {
      throw unusable("its nonce is not the request's");
    }
    return answer.body();
  }

  private SigstoreException unusable(String why) {
    return new SigstoreException(
        SERVICE, url.getHost() + " gave an unusable RFC 3161 answer: " + why);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
