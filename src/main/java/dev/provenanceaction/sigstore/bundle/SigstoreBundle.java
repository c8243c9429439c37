package dev.provenanceaction.sigstore.bundle;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A Sigstore bundle holding a DSSE envelope: the leaf certificate, one transparency log entry and
 * the envelope. One of these, compact, is one line of a {@code .intoto.jsonl} file.
 *
 * @param certificate the Fulcio leaf certificate
 * @param logEntry the Rekor entry with SET, inclusion proof and checkpoint
 * @param envelope the signed statement
 * @param rfc3161Timestamps DER RFC 3161 time-stamp responses over the envelope's signature, the
 *     signing time for Rekor v2 entries (which have no integrated time)
 * @param mediaType the bundle's version, as its {@code mediaType} names it: {@link #MEDIA_TYPE_V03}
 *     for the bundles made here
 */
public record SigstoreBundle(
    X509Certificate certificate,
    LogEntry logEntry,
    DsseEnvelope envelope,
    List<byte[]> rfc3161Timestamps,
    String mediaType) {
  public static final String MEDIA_TYPE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  /**
   * The one version whose log entry may hold an inclusion promise without an inclusion proof: the
   * bundle spec requires the proof from v0.2 on.
   */
  public static final String MEDIA_TYPE_V01 =
      "application/vnd.dev.sigstore.bundle+json;version=0.1";

  public SigstoreBundle {
    rfc3161Timestamps = List.copyOf(rfc3161Timestamps);
  }

  /** A v0.3 bundle. */
  public SigstoreBundle(
      X509Certificate certificate,
      LogEntry logEntry,
      DsseEnvelope envelope,
      List<byte[]> rfc3161Timestamps) {
    this(certificate, logEntry, envelope, rfc3161Timestamps, MEDIA_TYPE_V03);
  }

  /** A v0.3 bundle whose log entry alone says when it was signed (Rekor v1). */
  public SigstoreBundle(X509Certificate certificate, LogEntry logEntry, DsseEnvelope envelope) {
    this(certificate, logEntry, envelope, List.of());
  }

  /** Whether the log entry must carry an inclusion proof: in every version but v0.1. */
  public boolean requiresInclusionProof() {
    return !mediaType.equals(MEDIA_TYPE_V01);
  }

  /**
   * Reads a bundle v0.1, v0.2 or v0.3 with a DSSE envelope and exactly one log entry; for v0.1 and
   * v0.2 the first certificate of {@code x509CertificateChain} is the leaf. A key id in the
   * envelope's signature is dropped: DSSE does not sign it and Fulcio's keys have none.
   *
   * @throws BundleFormatException naming the missing or invalid field
   */
  public static SigstoreBundle parse(String json) throws BundleFormatException {
    return SigstoreBundleJson.read(json);
  }

  /** {@link #parse(String)} of a document read already, as one of a file of several. */
  public static SigstoreBundle parse(JsonValue json) throws BundleFormatException {
    return SigstoreBundleJson.read(json);
  }

  /**
   * This bundle as compact JSON of its version, in UTF-8, without a line end. Written as bytes, not
   * text: a log entry's checkpoint holds an em dash, which would make a string of the whole bundle,
   * its payload included, one of two-byte chars.
   */
  public byte[] toJsonLine() {
    return SigstoreBundleJson.write(this);
  }
}
