package dev.provenanceaction.sigstore.bundle;

import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A Sigstore bundle v0.1 to v0.3 that signs a blob rather than a statement: the leaf certificate,
 * one Rekor {@code hashedrekord} entry and the {@code messageSignature}.
 *
 * @param certificate the Fulcio leaf certificate
 * @param logEntry the Rekor entry with SET, inclusion proof and checkpoint
 * @param messageSignature the blob's digest and the signature over it
 * @param rfc3161Timestamps DER RFC 3161 time-stamp responses over the signature, the signing time
 *     for Rekor v2 entries
 */
public record MessageSignatureBundle(
    X509Certificate certificate,
    LogEntry logEntry,
    MessageSignature messageSignature,
    List<byte[]> rfc3161Timestamps) {

  public MessageSignatureBundle {
    rfc3161Timestamps = List.copyOf(rfc3161Timestamps);
  }

  /** A bundle whose log entry alone says when it was signed (Rekor v1). */
  public MessageSignatureBundle(
      X509Certificate certificate, LogEntry logEntry, MessageSignature messageSignature) {
    this(certificate, logEntry, messageSignature, List.of());
  }

  /**
   * Reads a bundle with a {@code messageSignature} and exactly one log entry.
   *
   * @throws BundleFormatException naming the missing or invalid field
   */
  public static MessageSignatureBundle parse(String json) throws BundleFormatException {
    return SigstoreBundleJson.readMessageSignature(json);
  }
}
