package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * What a verified bundle proves: this certificate's key signed this statement, and the log took it
 * at this time, when the certificate was valid. Whose certificate it is, is for a policy to judge.
 *
 * @param certificate the leaf certificate, chained to a trusted certificate authority
 * @param integratedTime when the transparency log took the entry (Rekor v1), or the timestamp
 *     authority's time (Rekor v2)
 * @param statement the envelope's payload, an in-toto statement
 * @param logEntry the verified log entry
 */
public record VerifiedBundle(
    X509Certificate certificate, Instant integratedTime, byte[] statement, LogEntry logEntry) {}
