package dev.provenanceaction.sigstore.bundle;

import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sigstore bundle v0.3 holding a DSSE envelope: the leaf certificate, one transparency log entry
 * and the envelope. One of these, compact, is one line of a {@code .intoto.jsonl} file.
 *
 * @param certificate the Fulcio leaf certificate
 * @param logEntry the Rekor entry with SET, inclusion proof and checkpoint
 * @param envelope the signed statement
 * @param rfc3161Timestamps DER RFC 3161 time-stamp responses over the envelope's signature, the
 *     signing time for Rekor v2 entries (which have no integrated time)
 */
public record SigstoreBundle(
    X509Certificate certificate,
    LogEntry logEntry,
    DsseEnvelope envelope,
    List<byte[]> rfc3161Timestamps) {
  public static final String MEDIA_TYPE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  public SigstoreBundle {
    rfc3161Timestamps = List.copyOf(rfc3161Timestamps);
  }

  /** A bundle whose log entry alone says when it was signed (Rekor v1). */
  public SigstoreBundle(X509Certificate certificate, LogEntry logEntry, DsseEnvelope envelope) {
    this(certificate, logEntry, envelope, List.of());
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

  /**
   * Reads every bundle of a {@code .intoto.jsonl} file, one per non-blank line.
   *
   * @throws BundleFormatException naming the line and the field
   */
  public static List<SigstoreBundle> parseJsonl(String text) throws BundleFormatException {
    List<SigstoreBundle> bundles = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        bundles.add(parse(lines[i]));
      } catch (BundleFormatException e) {
        throw new BundleFormatException("line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (bundles.isEmpty()) {
      throw new BundleFormatException("the file holds no bundle");
    }
    return bundles;
  }

  /** This bundle as compact v0.3 JSON, without a line end. */
  public String toJsonLine() {
    return SigstoreBundleJson.write(this);
  }
}
