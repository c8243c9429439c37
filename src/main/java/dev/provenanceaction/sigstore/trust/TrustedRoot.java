package dev.provenanceaction.sigstore.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The keys and certificates a verifier trusts: {@code
 * application/vnd.dev.sigstore.trustedroot+json;version=0.1}.
 *
 * @param certificateAuthorities Fulcio instances
 * @param transparencyLogs Rekor instances
 * @param ctLogs certificate transparency logs whose SCTs Fulcio embeds
 * @param timestampAuthorities RFC 3161 timestamp authorities, whose signed time stands in for a
 *     log's integrated time where the log gives none (Rekor v2)
 * @param unusableLogs transparency and CT logs the root names with a key this verifier cannot use:
 *     kept out of the other lists, and named when a bundle needs one
 */
public record TrustedRoot(
    List<CertificateAuthorityEntry> certificateAuthorities,
    List<Log> transparencyLogs,
    List<Log> ctLogs,
    List<CertificateAuthorityEntry> timestampAuthorities,
    List<UnusableLog> unusableLogs) {
  public static final String MEDIA_TYPE =
      "application/vnd.dev.sigstore.trustedroot+json;version=0.1";

  public TrustedRoot {
    certificateAuthorities = List.copyOf(certificateAuthorities);
    transparencyLogs = List.copyOf(transparencyLogs);
    ctLogs = List.copyOf(ctLogs);
    timestampAuthorities = List.copyOf(timestampAuthorities);
    unusableLogs = List.copyOf(unusableLogs);
  }

  /** A root whose every log key is usable. */
  public TrustedRoot(
      List<CertificateAuthorityEntry> certificateAuthorities,
      List<Log> transparencyLogs,
      List<Log> ctLogs,
      List<CertificateAuthorityEntry> timestampAuthorities) {
    this(certificateAuthorities, transparencyLogs, ctLogs, timestampAuthorities, List.of());
  }

  /** A root without timestamp authorities, enough for Rekor v1 entries. */
  public TrustedRoot(
      List<CertificateAuthorityEntry> certificateAuthorities,
      List<Log> transparencyLogs,
      List<Log> ctLogs) {
    this(certificateAuthorities, transparencyLogs, ctLogs, List.of());
  }

  /**
   * Reads a trusted root in its protobuf JSON form.
   *
   * @throws IOException naming the missing or invalid field, such as {@code
   *     tlogs[0].publicKey.rawBytes}
   */
  public static TrustedRoot parse(InputStream json) throws IOException {
    return TrustedRootJson.read(json);
  }

  public static TrustedRoot parse(byte[] json) throws IOException {
    return parse(new ByteArrayInputStream(json));
  }

  /**
   * This root in its protobuf JSON form, compact UTF-8, in the field order Sigstore writes; without
   * the unusable logs, which nothing here could read back.
   */
  public byte[] toJson() {
    return TrustedRootJson.write(this);
  }

  /** The transparency log whose key has this id. */
  public Optional<Log> transparencyLog(byte[] logId) {
    return find(transparencyLogs, logId);
  }

  /** The certificate transparency log whose key has this id. */
  public Optional<Log> ctLog(byte[] logId) {
    return find(ctLogs, logId);
  }

  /** The log with this id that the root names but whose key this verifier cannot use. */
  public Optional<UnusableLog> unusableLog(byte[] logId) {
    return unusableLogs.stream().filter(log -> Arrays.equals(log.logId(), logId)).findFirst();
  }

  private static Optional<Log> find(List<Log> logs, byte[] logId) {
    return logs.stream().filter(log -> Arrays.equals(log.logId(), logId)).findFirst();
  }

  /**
   * A period of validity; {@code end} is null when open-ended.
   *
   * @param start first instant of validity
   * @param end last instant, or null
   */
  public record ValidFor(Instant start, Instant end) {
    public boolean contains(Instant instant) {
      return !instant.isBefore(start) && (end == null || !instant.isAfter(end));
    }
  }

  /**
   * A certificate authority, or a timestamp authority (same shape: the chain starts with the TSA's
   * signing certificate).
   *
   * @param uri its service address
   * @param subjectOrganization the subject's organization, as the trusted root names it
   * @param subjectCommonName the subject's common name
   * @param certChain the chain, intermediate first, root last
   * @param validFor when certificates it issued may be trusted
   */
  public record CertificateAuthorityEntry(
      URI uri,
      String subjectOrganization,
      String subjectCommonName,
      List<X509Certificate> certChain,
      ValidFor validFor) {
    public CertificateAuthorityEntry {
      certChain = List.copyOf(certChain);
    }
  }

  /**
   * A transparency log (Rekor) or certificate transparency log.
   *
   * @param baseUrl its service address; Rekor's checkpoint origin starts with its host
   * @param publicKey its signing key
   * @param keyDetails the key's form as the trusted root spells it ({@code
   *     PKIX_ECDSA_P256_SHA_256}), one of {@link KeyDetails}
   * @param logId SHA-256 of the key's DER encoding, or for a Rekor v2 log its checkpoint key hash
   * @param validFor when its signatures may be trusted
   */
  public record Log(
      URI baseUrl, PublicKey publicKey, String keyDetails, byte[] logId, ValidFor validFor) {
    public Log {
      if (KeyDetails.named(keyDetails).isEmpty()) {
        throw new IllegalArgumentException("not a key form this verifier knows: " + keyDetails);
      }
    }

    /**
     * Whether the log's key signed {@code data}, with the algorithm its key form names; never
     * throws for a malformed signature.
     */
    public boolean verifies(byte[] data, byte[] signature) {
      return KeyDetails.named(keyDetails).orElseThrow().verify(publicKey, data, signature);
    }
  }

  /**
   * A log the trusted root names that this verifier cannot use.
   *
   * @param baseUrl its service address
   * @param keyDetails its key form as the root spells it
   * @param logId its log id
   * @param reason why it cannot be used
   */
  public record UnusableLog(URI baseUrl, String keyDetails, byte[] logId, String reason) {
    /** Says which log it is and why it was set aside, for a bundle that needed it. */
    public String describe() {
      return "the trusted root's log " + baseUrl + " has this id, but " + reason;
    }
  }
}
