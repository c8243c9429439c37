package dev.provenanceaction.verify;

import java.time.Instant;

/**
 * A bundle whose cryptography, certificate identity and provenance claims all passed.
 *
 * @param line the line of the provenance file the bundle starts on
 * @param identity who the certificate says signed
 * @param claims what the statement says about the build
 * @param statement the signed statement, as signed
 * @param integratedTime when the transparency log took the entry
 * @param logIndex the entry's index in the transparency log
 */
public record VerifiedProvenance(
    int line,
    CertificateIdentity identity,
    ProvenanceClaims claims,
    byte[] statement,
    Instant integratedTime,
    long logIndex) {}
