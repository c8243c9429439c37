package dev.provenanceaction.sigstore;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.fulcio.CertificateAuthority;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.rekor.TransparencyLog;
import dev.provenanceaction.sigstore.tsa.TimestampAuthorityClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Keyless signing of an in-toto statement: an ephemeral P-256 key, a certificate for it from the
 * certificate authority, a DSSE signature, an entry in the transparency log, and an RFC 3161
 * timestamp of the signature from each timestamp authority the signing config selects (a Rekor v2
 * entry has no time of its own). The private key never leaves its {@link Signing}, which makes it
 * while the caller waits for the token and certifies it while the caller writes the statement.
 * {@link Signing#signEach} signs several statements with one key and certificate, as
 * sigstore-python's signer does for all the dists of a publish.
 */
public final class StatementSigner {
  private final CertificateAuthority certificateAuthority;
  private final TransparencyLog transparencyLog;
  private final List<TimestampAuthorityClient> timestampAuthorities;

  public StatementSigner(
      CertificateAuthority certificateAuthority,
      TransparencyLog transparencyLog,
      List<TimestampAuthorityClient> timestampAuthorities) {
    this.certificateAuthority = certificateAuthority;
    this.transparencyLog = transparencyLog;
    this.timestampAuthorities = List.copyOf(timestampAuthorities);
  }

  /** A signer whose log entries carry their own time (Rekor v1), with no timestamp authority. */
  public StatementSigner(
      CertificateAuthority certificateAuthority, TransparencyLog transparencyLog) {
    this(certificateAuthority, transparencyLog, List.of());
  }

  /**
   * Begins a signing whose steps overlap the caller's: the ephemeral key is made on another thread
   * now, while the caller waits for its token.
   */
  public Signing begin() {
    return new Signing(Background.start("signing-key", Ecdsa::generateP256));
  }

  /**
   * One signing, under way: its key (whose private half never leaves it) and, once {@link #certify}
   * is called, its certificate.
   */
  public final class Signing {
    private final CompletableFuture<KeyPair> keyPair;
    private CompletableFuture<X509Certificate> leaf;

    private Signing(CompletableFuture<KeyPair> keyPair) {
      this.keyPair = keyPair;
    }

    /**
     * Asks the certificate authority for the key's certificate naming the token's identity, on
     * another thread: the caller writes the statements meanwhile. Its failure is thrown by {@link
     * #signEach} or {@link #certificate}.
     */
    public Signing certify(OidcToken token) {
      leaf =
          Background.start(
              "certificate", () -> StatementSigner.this.certify(Background.await(keyPair), token));
      return this;
    }

    /**
     * Signs each statement with the one key and certificate, and logs each signature: one Fulcio
     * request for the whole run, and at most {@code maxConcurrentLogRequests} log requests at once.
     *
     * @return the bundles in the order of the statements
     * @throws SigstoreException the first failure; the entries not yet made are not made
     */
    public List<SigstoreBundle> signEach(List<byte[]> statements, int maxConcurrentLogRequests)
        throws SigstoreException {
      X509Certificate certificate = certificate();
      KeyPair pair = Background.await(keyPair);
      if (statements.size() == 1) {
        return List.of(signWith(pair, certificate, statements.get(0)));
      }
      return signAll(pair, certificate, statements, maxConcurrentLogRequests);
    }

    /** The certificate the authority issued, once it has. */
    public X509Certificate certificate() throws SigstoreException {
      if (leaf == null) {
        throw new IllegalStateException("certify(token) was not called");
      }
      return Background.await(leaf);
    }
  }

  private List<SigstoreBundle> signAll(
      KeyPair keyPair, X509Certificate leaf, List<byte[]> statements, int maxConcurrentLogRequests)
      throws SigstoreException {
    // A pool, not a thread per statement: the log sees at most maxConcurrentLogRequests requests at
    // once, and the entries not yet made when one fails are never asked for.
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(maxConcurrentLogRequests, statements.size()),
            runnable -> {
              Thread thread = new Thread(runnable, "transparency-log");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<CompletableFuture<SigstoreBundle>> pending = new ArrayList<>();
      for (byte[] statement : statements) {
        pending.add(Background.start(pool, () -> signWith(keyPair, leaf, statement)));
      }
      List<SigstoreBundle> bundles = new ArrayList<>();
      for (CompletableFuture<SigstoreBundle> bundle : pending) {
        bundles.add(Background.await(bundle));
      }
      return bundles;
    } finally {
      pool.shutdownNow();
    }
  }

  private X509Certificate certify(KeyPair keyPair, OidcToken token) throws SigstoreException {
    String subject = token.claim("sub");
    if (subject == null) {
      throw new SigstoreException("OIDC", "the identity token has no 'sub' claim");
    }
    byte[] proofOfPossession =
        Ecdsa.sign(keyPair.getPrivate(), subject.getBytes(StandardCharsets.UTF_8));
    List<X509Certificate> chain =
        certificateAuthority.issue(token, keyPair.getPublic(), proofOfPossession);
    X509Certificate leaf = chain.get(0);
    if (!leaf.getPublicKey().equals(keyPair.getPublic())) {
      throw new SigstoreException("Fulcio", "the issued certificate is for a different key");
    }
    return leaf;
  }

  private SigstoreBundle signWith(KeyPair keyPair, X509Certificate leaf, byte[] statement)
      throws SigstoreException {
    DsseEnvelope envelope =
        DsseEnvelope.sign(
            statement,
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
            paeSha256 -> Ecdsa.signSha256(keyPair.getPrivate(), paeSha256));
    byte[] signature = envelope.signature();
    // The timestamps and the log entry each need only the signature: ask for both at once.
    CompletableFuture<List<byte[]>> timestamps =
        timestampAuthorities.isEmpty()
            ? CompletableFuture.completedFuture(List.of())
            : Background.start("timestamps", () -> timestamps(signature));
    LogEntry entry;
    try {
      entry = transparencyLog.append(envelope, leaf);
    } catch (SigstoreException | RuntimeException e) {
      timestamps.cancel(true);
      throw e;
    }
    return new SigstoreBundle(leaf, entry, envelope, Background.await(timestamps));
  }

  private List<byte[]> timestamps(byte[] signature) throws SigstoreException {
    List<byte[]> timestamps = new ArrayList<>();
    for (TimestampAuthorityClient authority : timestampAuthorities) {
      timestamps.add(authority.timestamp(signature));
    }
    return timestamps;
  }
}
