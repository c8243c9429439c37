package dev.provenanceaction.sigstore.bundle;

import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;

/**
 * A Sigstore bundle v0.3 holding a DSSE envelope: the leaf certificate, one transparency log entry
 * and the envelope. One of these, compact, is one line of a {@code .intoto.jsonl} file.
 *
 * @param certificate the Fulcio leaf certificate
 * @param logEntry the Rekor entry with SET, inclusion proof and checkpoint
 * @param envelope the signed statement
 */
public record SigstoreBundle(
    X509Certificate certificate, LogEntry logEntry, DsseEnvelope envelope) {
  public static final String MEDIA_TYPE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
}
