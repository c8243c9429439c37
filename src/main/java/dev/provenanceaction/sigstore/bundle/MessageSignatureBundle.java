package dev.provenanceaction.sigstore.bundle;

import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;

/**
 * A Sigstore bundle v0.1 to v0.3 that signs a blob rather than a statement: the leaf certificate,
 * one Rekor {@code hashedrekord} entry and the {@code messageSignature}.
 *
 * @param certificate the Fulcio leaf certificate
 * @param logEntry the Rekor entry with SET, inclusion proof and checkpoint
 * @param messageSignature the blob's digest and the signature over it
 * @param mediaType the bundle's version, as its {@code mediaType} names it
 */
public record MessageSignatureBundle(
    X509Certificate certificate,
    LogEntry logEntry,
    MessageSignature messageSignature,
    String mediaType) {

  /** A v0.3 bundle. */
  public MessageSignatureBundle(
      X509Certificate certificate, LogEntry logEntry, MessageSignature messageSignature) {
    this(certificate, logEntry, messageSignature, SigstoreBundle.MEDIA_TYPE_V03);
  }

  /** Whether the log entry must carry an inclusion proof: in every version but v0.1. */
  public boolean requiresInclusionProof() {
    return !mediaType.equals(SigstoreBundle.MEDIA_TYPE_V01);
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
