package dev.provenanceaction.sigstore.tsa;

import dev.provenanceaction.sigstore.x509.Der;
import dev.provenanceaction.sigstore.x509.DerReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * An RFC 3161 {@code TimeStampResp} (section 2.4.2), as a timestamp authority answers and a
 * bundle's {@code rfc3161Timestamps[].signedTimestamp} holds it: the authority's status and, when
 * it granted the request, its token.
 *
 * <p>Read here rather than with BouncyCastle's time-stamp classes: a signing run that starts them
 * takes about 0.1 s longer on two cores (BENCHMARKS.md, issue 13).
 *
 * @param status {@code PKIStatus}: 0 granted, 1 granted with modifications, 2 and up refused
 * @param statusText the authority's {@code statusString}, joined, if any
 * @param token the token, if the answer holds one
 */
public record TimestampResponse(
    int status, Optional<String> statusText, Optional<TimestampToken> token) {

  /**
   * Reads a DER {@code TimeStampResp}.
   *
   * @throws TimestampException if it is not one, or its token is not a CMS signed TSTInfo
   */
  public static TimestampResponse parse(byte[] der) throws TimestampException {
    try {
      // All of it, even what is not read here (the token's certificates): as BouncyCastle does.
      DerReader.checkStructure(der);
      List<byte[]> parts = DerReader.children(der, Der.SEQUENCE);
      if (parts.isEmpty() || parts.size() > 2) {
        throw new TimestampException("a TimeStampResp has a status and at most a token");
      }
      List<byte[]> statusInfo = DerReader.children(parts.get(0), Der.SEQUENCE);
      if (statusInfo.isEmpty()) {
        throw new TimestampException("a PKIStatusInfo without a status");
      }
      int status = DerReader.integerOf(statusInfo.get(0)).intValueExact();
      Optional<String> text = Optional.empty();
      if (statusInfo.size() > 1 && DerReader.tag(statusInfo.get(1)) == Der.SEQUENCE) {
        StringBuilder joined = new StringBuilder();
        for (byte[] line : DerReader.children(statusInfo.get(1))) {
          joined
              .append(joined.length() == 0 ? "" : "; ")
              .append(new String(DerReader.content(line, Der.UTF8_STRING), StandardCharsets.UTF_8));
        }
        text = Optional.of(joined.toString());
      }
      Optional<TimestampToken> token =
          parts.size() == 2 ? Optional.of(TimestampToken.parse(parts.get(1))) : Optional.empty();
      return new TimestampResponse(status, text, token);
    } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
      // Each a field missing or of the wrong type, which DER's readers find as they go.
      throw new TimestampException("not a DER TimeStampResp: " + e.getMessage());
    }
  }

  /** Whether the authority granted the request (with or without modifications). */
  public boolean granted() {
    return status == 0 || status == 1;
  }
}
