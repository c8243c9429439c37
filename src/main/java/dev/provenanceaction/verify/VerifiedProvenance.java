package dev.provenanceaction.verify;

import java.time.Instant;

/**
 * A bundle whose cryptography, certificate identity and provenance claims all passed.
 *
 * @param line the line of the provenance file the bundle's document starts on
 * @param path the bundle's path within that document when it holds several, else empty
 * @param identity who the certificate says signed
 * @param claims what the statement says about the build
 * @param statement the signed statement, as signed
 * @param integratedTime when the transparency log took the entry
 * @param logIndex the entry's index in the transparency log
 */
public record VerifiedProvenance(
    int line,
    String path,
    CertificateIdentity identity,
    ProvenanceClaims claims,
    byte[] statement,
    Instant integratedTime,
    long logIndex) {
  /** {@code line N}, and the path when there is one, for messages. */
  public String place() {
    return path.isEmpty() ? "line " + line : "line " + line + " " + path;
  }
}
