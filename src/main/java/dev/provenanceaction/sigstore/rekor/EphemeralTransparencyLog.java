package dev.provenanceaction.sigstore.rekor;

import dev.provenanceaction.sigstore.CanonicalJson;
import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-process Rekor v1 log with a throw-away key: a real RFC 6962 tree, signed entry timestamps
 * and signed checkpoints, so its entries verify exactly like public Rekor's against its {@link
 * #trustedRootEntry()}. It proves nothing to anyone else: the key dies with the process.
 * Thread-safe.
 */
public final class EphemeralTransparencyLog implements TransparencyLog {
  private final URI baseUrl;
  private final String origin;
  private final KeyPair key;
  private final byte[] logId;
  private final Clock clock;
  private final Instant createdAt;
  private final MerkleTree tree = new MerkleTree();
  private final List<RecordedEntry> entries = new ArrayList<>();
  private final Map<String, Integer> indexByUuid = new HashMap<>();

  private record RecordedEntry(
      String kind, String version, byte[] body, long integratedTime, byte[] signedEntryTimestamp) {}

  private EphemeralTransparencyLog(URI baseUrl, Clock clock) {
    this.baseUrl = baseUrl;
    this.clock = clock;
    this.key = Ecdsa.generateP256();
    this.logId = Ecdsa.keyId(key.getPublic());
    // Rekor names its checkpoints "<host> - <tree id>" and signs them as "<host>"; verifiers
    // match the signer name to the host of the log's base URL in their trusted root.
    this.origin = baseUrl.getHost() + " - " + (new SecureRandom().nextLong() >>> 1);
    this.createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * @param baseUrl the address the log claims (its host names the checkpoint signer)
   * @param clock the source of integrated times
   */
  public static EphemeralTransparencyLog create(URI baseUrl, Clock clock) {
    if (baseUrl.getHost() == null) {
      throw new IllegalArgumentException("a log's base URL needs a host: " + baseUrl);
    }
    return new EphemeralTransparencyLog(baseUrl, clock);
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** The checkpoint origin line, {@code "<host> - <tree id>"}. */
  public String origin() {
    return origin;
  }

  /** This log as a trusted root lists it. */
  public TrustedRoot.Log trustedRootEntry() {
    return new TrustedRoot.Log(
        baseUrl,
        key.getPublic(),
        Ecdsa.P256_KEY_DETAILS,
        logId.clone(),
        new TrustedRoot.ValidFor(createdAt, null));
  }

  @Override
  public synchronized LogEntry append(DsseEnvelope envelope, X509Certificate signingCertificate)
      throws SigstoreException {
    return append(DsseEntryBody.envelopeJson(envelope), envelope, signingCertificate);
  }

  /**
   * Appends an envelope as a Rekor server receives it: the body's envelope hash is over the
   * submitted string ({@code proposedContent.envelope}), not over a re-encoding. Returns the
   * existing entry for a repeat.
   *
   * @param submittedEnvelopeJson the envelope JSON exactly as submitted
   * @param envelope that JSON, decoded
   * @param signingCertificate the submitted verifier
   */
  public synchronized LogEntry append(
      String submittedEnvelopeJson, DsseEnvelope envelope, X509Certificate signingCertificate)
      throws SigstoreException {
    // Over the PAE's digest, made once per envelope (by the signer itself in an ephemeral run):
    // the 130 KB PAE of a large release is not copied and hashed once more.
    if (!Ecdsa.verifyDigest(
        signingCertificate.getPublicKey(), envelope.paeSha256(), envelope.signature())) {
      throw new SigstoreException(
          "Rekor", "the envelope's signature does not verify with the certificate's key");
    }
    return appendBody(
        DsseEntryBody.KIND,
        DsseEntryBody.API_VERSION,
        DsseEntryBody.of(submittedEnvelopeJson, envelope, signingCertificate).canonicalJson());
  }

  /**
   * Appends a body of any kind as given, unchecked: for entries Rekor v1 makes from other requests
   * ({@code hashedrekord}, {@code intoto}), which tests need to make bundles of those kinds.
   * Returns the existing entry for a repeat.
   *
   * @param kind the entry's kind, such as {@code hashedrekord}
   * @param version the kind's version, such as {@code 0.0.1}
   * @param canonicalBody the body's canonical JSON, hashed as the leaf
   */
  public synchronized LogEntry appendBody(String kind, String version, byte[] canonicalBody) {
    String uuid = uuid(canonicalBody);
    Integer existing = indexByUuid.get(uuid);
    if (existing != null) {
      return entryAt(existing);
    }
    long integratedTime = clock.instant().getEpochSecond();
    long index = tree.append(canonicalBody);
    byte[] set =
        Ecdsa.sign(key.getPrivate(), signedEntryContent(canonicalBody, integratedTime, index));
    entries.add(new RecordedEntry(kind, version, canonicalBody.clone(), integratedTime, set));
    indexByUuid.put(uuid, (int) index);
    return entryAt((int) index);
  }

  /** The entry with this UUID, its inclusion proof at the current tree size. */
  public synchronized Optional<LogEntry> find(String uuid) {
    Integer index = indexByUuid.get(uuid);
    return index == null ? Optional.empty() : Optional.of(entryAt(index));
  }

  /** Every entry in log order, each with an inclusion proof at the current tree size. */
  public synchronized List<LogEntry> entries() {
    List<LogEntry> all = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      all.add(entryAt(i));
    }
    return all;
  }

  public synchronized long size() {
    return tree.size();
  }

  /** Rekor v1's entry UUID: the hex RFC 6962 leaf hash of the canonicalized body. */
  public static String uuid(byte[] canonicalizedBody) {
    return HexFormat.of().formatHex(MerkleTree.leafHash(canonicalizedBody));
  }

  private LogEntry entryAt(int index) {
    RecordedEntry recorded = entries.get(index);
    long treeSize = tree.size();
    byte[] root = tree.root(treeSize);
    InclusionProof proof =
        new InclusionProof(
            index,
            root,
            treeSize,
            tree.inclusionProof(index, treeSize),
            checkpoint(treeSize, root));
    return new LogEntry(
        index,
        logId.clone(),
        recorded.kind(),
        recorded.version(),
        recorded.integratedTime(),
        recorded.signedEntryTimestamp().clone(),
        proof,
        recorded.body().clone());
  }

  private byte[] signedEntryContent(byte[] body, long integratedTime, long logIndex) {
    return CanonicalJson.write(
            Map.of(
                "body",
                Base64.getEncoder().encodeToString(body),
                "integratedTime",
                integratedTime,
                "logID",
                HexFormat.of().formatHex(logId),
                "logIndex",
                logIndex))
        .getBytes(StandardCharsets.UTF_8);
  }

  // A signed note (transparency-dev checkpoint format): the signature covers the three header
  // lines with their newlines; the signature line carries a 4-byte key hint before the DER
  // signature.
  private String checkpoint(long treeSize, byte[] root) {
    String note = origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    byte[] signature = Ecdsa.sign(key.getPrivate(), note.getBytes(StandardCharsets.UTF_8));
    byte[] hintAndSignature = new byte[4 + signature.length];
    System.arraycopy(logId, 0, hintAndSignature, 0, 4);
    System.arraycopy(signature, 0, hintAndSignature, 4, signature.length);
    return note
        + "\n\u2014 "
        + baseUrl.getHost()
        + " "
        + Base64.getEncoder().encodeToString(hintAndSignature)
        + "\n";
  }
}
