package dev.provenanceaction.sigstore.rekor;

import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import java.security.cert.X509Certificate;

/** Records a signed envelope in an append-only log (Rekor v1 {@code dsse} 0.0.1 entries). */
public interface TransparencyLog {
  /**
   * Appends the envelope, or returns the existing entry when the log already holds it (a re-run).
   *
   * @param envelope the signed envelope
   * @param signingCertificate the leaf certificate whose key made the signature
   */
  LogEntry append(DsseEnvelope envelope, X509Certificate signingCertificate)
      throws SigstoreException;
}
