package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * What a verified blob bundle proves: this certificate's key signed a blob with this digest, and
 * the log took it at this time, when the certificate was valid.
 *
 * @param certificate the leaf certificate, chained to a trusted certificate authority
 * @param integratedTime when the transparency log took the entry
 * @param sha256 the signed blob's SHA-256
 * @param logEntry the verified log entry
 */
public record VerifiedBlob(
    X509Certificate certificate, Instant integratedTime, byte[] sha256, LogEntry logEntry) {}
