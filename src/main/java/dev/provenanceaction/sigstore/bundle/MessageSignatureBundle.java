package dev.provenanceaction.sigstore.bundle;

import dev.provenanceaction.json.JsonValue;
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
 * @param mediaType the bundle's version, as its {@code mediaType} names it
 */
public record MessageSignatureBundle(
    X509Certificate certificate,
    LogEntry logEntry,
    MessageSignature messageSignature,
    List<byte[]> rfc3161Timestamps,
    String mediaType) {

  public MessageSignatureBundle {
    rfc3161Timestamps = List.copyOf(rfc3161Timestamps);
  }

  /** A v0.3 bundle. */
  public MessageSignatureBundle(
      X509Certificate certificate,
      LogEntry logEntry,
      MessageSignature messageSignature,
      List<byte[]> rfc3161Timestamps) {
    this(certificate, logEntry, messageSignature, rfc3161Timestamps, SigstoreBundle.MEDIA_TYPE_V03);
  }

  /** A bundle whose log entry alone says when it was signed (Rekor v1). */
  public MessageSignatureBundle(
      X509Certificate certificate,
      LogEntry logEntry,
      MessageSignature messageSignature,
      String mediaType) {
    this(certificate, logEntry, messageSignature, List.of(), mediaType);
  }

  /** A v0.3 bundle whose log entry alone says when it was signed (Rekor v1). */
  public MessageSignatureBundle(
      X509Certificate certificate, LogEntry logEntry, MessageSignature messageSignature) {
    this(certificate, logEntry, messageSignature, List.of(), SigstoreBundle.MEDIA_TYPE_V03);
  }

  /** Whether the log entry must carry an inclusion proof: in every version but v0.1. */
  public boolean requiresInclusionProof() {
    return !mediaType.equals(SigstoreBundle.MEDIA_TYPE_V01);
  }

  /**
   * Reads a bundle with a {@code messageSignature} and exactly one log entry.
   *
   * @param json a document read already, so that a file is parsed once
   * @throws BundleFormatException naming the missing or invalid field
   */
  public static MessageSignatureBundle parse(JsonValue json) throws BundleFormatException {
    return SigstoreBundleJson.readMessageSignature(json);
  }
}
