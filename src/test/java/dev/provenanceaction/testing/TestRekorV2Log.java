package dev.provenanceaction.testing;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.rekor.InclusionProof;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.rekor.MerkleTree;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A Rekor v2 log (rekor-tiles) with throw-away keys: an RFC 6962 tree, entries without SET or
 * integrated time, and checkpoints as C2SP signed notes whose origin is the log's host, signed by
 * the log and then by any witnesses, as the public logs' are.
 */
public final class TestRekorV2Log {
  private final URI baseUrl;
  private final KeyPair key;
  private final String keyDetails;
  private final Instant start;
  private final MerkleTree tree = new MerkleTree();
  private final List<Witness> witnesses = new ArrayList<>();

  /** A cosigner of the checkpoints, with its name and key (C2SP tlog-cosignature). */
  public record Witness(String name, KeyPair key) {
    /** The first four bytes of the key's C2SP key hash, which its signature lines start with. */
    public byte[] keyId() {
      return Arrays.copyOf(ed25519KeyHash(name, key.getPublic()), 4);
    }
  }

  private TestRekorV2Log(URI baseUrl, KeyPair key, String keyDetails, Instant start) {
    this.baseUrl = baseUrl;
    this.key = key;
    this.keyDetails = keyDetails;
    this.start = start;
  }

  /** A log with an Ed25519 key, as log2025-1.rekor.sigstore.dev has. */
  public static TestRekorV2Log ed25519(String host, Instant start) {
    return new TestRekorV2Log(
        URI.create("https://" + host), generateEd25519(), "PKIX_ED25519", start);
  }

  /** A log with an ECDSA P-256 key, which rekor-tiles also allows. */
  public static TestRekorV2Log ecdsa(String host, Instant start) {
    return new TestRekorV2Log(
        URI.create("https://" + host), Ecdsa.generateP256(), Ecdsa.P256_KEY_DETAILS, start);
  }

  public static KeyPair generateEd25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Has {@code witness} cosign every checkpoint from now on. */
  public void addWitness(Witness witness) {
    witnesses.add(witness);
  }

  public String host() {
    return baseUrl.getHost();
  }

  /**
   * The log's id as the trusted root and the bundle name it: the full SHA-256 whose first four
   * bytes are the checkpoint key id.
   */
  public byte[] logId() {
    if (keyDetails.equals("PKIX_ED25519")) {
      return ed25519KeyHash(host(), key.getPublic());
    }
    return Sha256.of(key.getPublic().getEncoded());
  }

  /**
   * C2SP's signed-note key hash of an Ed25519 key: SHA-256 of the name, a newline, the signature
   * type 0x01 and the raw key.
   */
  private static byte[] ed25519KeyHash(String name, PublicKey key) {
    byte[] spki = key.getEncoded();
    return Sha256.of(
        (name + "\n").getBytes(StandardCharsets.UTF_8),
        new byte[] {1},
        Arrays.copyOfRange(spki, spki.length - 32, spki.length));
  }

  public TrustedRoot.Log trustedRootEntry() {
    return new TrustedRoot.Log(
        baseUrl, key.getPublic(), keyDetails, logId(), new TrustedRoot.ValidFor(start, null));
  }

  /** Appends a body and returns its entry with a proof to, and checkpoint of, the new tree. */
  public LogEntry append(String kind, String version, byte[] body) {
    long index = tree.append(body);
    long size = tree.size();
    byte[] root = tree.root(size);
    return new LogEntry(
        index,
        logId(),
        kind,
        version,
        0,
        null,
        new InclusionProof(
            index, root, size, tree.inclusionProof(index, size), checkpoint(size, root)),
        body);
  }

  /** A checkpoint of this log for any tree, signed by the log and its witnesses. */
  private String checkpoint(long size, byte[] root) {
    String text = host() + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    StringBuilder note = new StringBuilder(text).append('\n');
    note.append(signatureLine(host(), Arrays.copyOf(logId(), 4), key.getPrivate(), text));
    for (Witness witness : witnesses) {
      note.append(signatureLine(witness.name(), witness.keyId(), witness.key().getPrivate(), text));
    }
    return note.toString();
  }

  public static String signatureLine(String name, byte[] hint, PrivateKey key, String text) {
    byte[] signature = sign(key, text.getBytes(StandardCharsets.UTF_8));
    byte[] line = Arrays.copyOf(hint, 4 + signature.length);
    System.arraycopy(signature, 0, line, 4, signature.length);
    return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(line) + "\n";
  }

  private static byte[] sign(PrivateKey key, byte[] data) {
    if (!key.getAlgorithm().equals("EdDSA") && !key.getAlgorithm().equals("Ed25519")) {
      return Ecdsa.sign(key, data);
    }
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
