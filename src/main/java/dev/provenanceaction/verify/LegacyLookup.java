package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;

/**
 * Finds the transparency log entry of a legacy envelope's signature, which the file does not carry:
 * the entry then goes through the same checks as a bundle's.
 */
public interface LegacyLookup {
  /**
   * The log's entry for this envelope and certificate; the caller verifies it.
   *
   * @throws PolicyException with {@link PolicyCheck#REKOR_LOOKUP} naming the log and the cause when
   *     there is no entry or the log cannot be asked
   */
  LogEntry find(DsseEnvelope envelope, X509Certificate certificate) throws PolicyException;
}
