package dev.provenanceaction.sigstore.rekor;

import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import java.security.cert.X509Certificate;

/**
 * Records a signed envelope in an append-only log: Rekor v1 as a {@code dsse} 0.0.1 entry, Rekor v2
 * as a {@code hashedrekord} 0.0.2 entry over the envelope's PAE.
 */
public interface TransparencyLog {
  /**
   * Appends the envelope; Rekor v1 returns the existing entry when it already holds it (a re-run).
   *
   * @param envelope the signed envelope
   * @param signingCertificate the leaf certificate whose key made the signature
   */
  LogEntry append(DsseEnvelope envelope, X509Certificate signingCertificate)
      throws SigstoreException;
}
