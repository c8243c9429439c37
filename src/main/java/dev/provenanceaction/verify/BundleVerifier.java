package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.Background;
import dev.provenanceaction.sigstore.bundle.MessageSignature;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.provenanceaction.verify.CertificateChecks.SigningTime;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies a bundle's cryptography against a trusted root, offline: the certificate chain and SCT,
 * the signature over the envelope or blob digest, the Rekor entry (SET for v1, checkpoint,
 * inclusion proof, body), and for Rekor v2 the RFC 3161 timestamps that say when it was signed. It
 * says nothing about whose identity the certificate names; that is a policy's job.
 *
 * <p>The first failure in {@link Check}'s order is reported, an order chosen so that a change to
 * one part of a bundle fails the check about that part: the signature is checked before the log
 * body that records it, and the log entry on its own before its time is held against the
 * certificate. (The certificate's and the timestamps' checks run beside the others; their failures
 * are still reported in that order, as they would be in sequence.)
 */
public final class BundleVerifier {
  private final CertificateChecks certificateChecks;
  private final SctCheck sctCheck;
  private final LogEntryChecks logEntryChecks;
  private final TimestampCheck timestampCheck;

  private BundleVerifier(TrustedRoot root) {
    this.certificateChecks = new CertificateChecks(root);
    this.sctCheck = new SctCheck(root);
    this.logEntryChecks = new LogEntryChecks(root);
    this.timestampCheck = new TimestampCheck(root);
  }

  public static BundleVerifier create(TrustedRoot root) {
    return new BundleVerifier(root);
  }

  /**
   * @throws VerificationException naming the first check that failed, with the expected and the
   *     found value
   */
  public VerifiedBundle verify(SigstoreBundle bundle) throws VerificationException {
    // Before the certificate's checks are started: a wrong payload type fails without a PKIX run.
    checkPayloadType(bundle.envelope());
    return verifyStarted(bundle, checkAhead(bundle.certificate()));
  }

  /**
   * Starts the checks of a certificate on its own (its chain to the trusted root, its SCT) on
   * another thread: a signer has them made while its signature is being logged.
   */
  public CertificateCheck checkAhead(X509Certificate leaf) {
    return new CertificateCheck(
        leaf, Background.start("certificate-check", () -> checkCertificate(leaf)));
  }

  /** A certificate's checks under way; see {@link #checkAhead}. */
  public static final class CertificateCheck {
    private final X509Certificate leaf;
    private final CompletableFuture<CertificateChecks.Chain> chain;

    private CertificateCheck(
        X509Certificate leaf, CompletableFuture<CertificateChecks.Chain> chain) {
      this.leaf = leaf;
      this.chain = chain;
    }
  }

  /**
   * As {@link #verify(SigstoreBundle)}, with the checks of its certificate started earlier.
   *
   * @param certificate from {@link #checkAhead} of the bundle's certificate
   */
  public VerifiedBundle verify(SigstoreBundle bundle, CertificateCheck certificate)
      throws VerificationException {
    if (!certificate.leaf.equals(bundle.certificate())) {
      throw new IllegalArgumentException("the certificate checked ahead is not the bundle's");
    }
    checkPayloadType(bundle.envelope());
    return verifyStarted(bundle, certificate);
  }

  private static void checkPayloadType(DsseEnvelope envelope) throws VerificationException {
    if (!envelope.payloadType().equals(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE)) {
      throw new VerificationException(
          Check.PAYLOAD_TYPE,
          "expected " + DsseEnvelope.IN_TOTO_PAYLOAD_TYPE + ", found " + envelope.payloadType());
    }
  }

  /** The checks after the payload type's, the certificate's under way. */
  private VerifiedBundle verifyStarted(SigstoreBundle bundle, CertificateCheck certificate)
      throws VerificationException {
    DsseEnvelope envelope = bundle.envelope();
    Instant signedAt =
        verify(
            certificate,
            bundle.logEntry(),
            bundle.requiresInclusionProof(),
            new Timestamps(bundle.rfc3161Timestamps(), envelope.signature()),
            leaf -> {
              if (!Signatures.verify(leaf.getPublicKey(), envelope)) {
                throw new VerificationException(
                    Check.DSSE_SIGNATURE,
                    "expected a signature by the leaf's key over the envelope's PAE, found one"
                        + " that does not verify");
              }
            },
            leaf -> LogBodyCheck.check(bundle.logEntry(), envelope, leaf));
    return new VerifiedBundle(
        bundle.certificate(), signedAt, envelope.payload(), bundle.logEntry());
  }

  /**
   * Verifies a blob signature: the same checks, with the signature over the bundle's message digest
   * and a {@code hashedrekord} body. Whether that digest is an artifact's is the caller's question.
   */
  public VerifiedBlob verify(MessageSignatureBundle bundle) throws VerificationException {
    MessageSignature signature = bundle.messageSignature();
    Instant signedAt =
        verify(
            checkAhead(bundle.certificate()),
            bundle.logEntry(),
            bundle.requiresInclusionProof(),
            new Timestamps(bundle.rfc3161Timestamps(), signature.signature()),
            leaf -> {
              if (!Signatures.verifyDigest(
                  leaf.getPublicKey(), signature.digest(), signature.signature())) {
                throw new VerificationException(
                    Check.MESSAGE_SIGNATURE,
                    "expected an ECDSA signature by the leaf's key over the message digest, found"
                        + " one that does not verify with its "
                        + leaf.getPublicKey().getAlgorithm()
                        + " key");
              }
            },
            leaf -> HashedRekordBodyCheck.check(bundle.logEntry(), signature, leaf));
    return new VerifiedBlob(bundle.certificate(), signedAt, signature.digest(), bundle.logEntry());
  }

  /** A check of what the leaf's key signed, or of the log body that records it. */
  private interface SignedContentCheck {
    void check(X509Certificate leaf) throws VerificationException;
  }

  private CertificateChecks.Chain checkCertificate(X509Certificate leaf)
      throws VerificationException {
    CertificateChecks.Chain chain = certificateChecks.checkChain(leaf);
    sctCheck.check(chain.certificates());
    return chain;
  }

  private List<Instant> checkTimestamps(Timestamps timestamps) throws VerificationException {
    List<Instant> times = new ArrayList<>();
    for (byte[] response : timestamps.responses()) {
      times.add(timestampCheck.check(response, timestamps.signature()));
    }
    return times;
  }

  /**
   * The RFC 3161 timestamps of a bundle and the signature they must be over.
   *
   * @param responses DER time-stamp responses
   * @param signature the bundle's signature
   */
  private record Timestamps(List<byte[]> responses, byte[] signature) {}

  /**
   * The checks every bundle shares; returns the first time the certificate was checked valid at:
   * the log's integrated time when the entry has a SET (Rekor v1), else the first timestamp's.
   *
   * @param proofRequired false for a bundle v0.1, whose entry's SET may stand alone
   */
  private Instant verify(
      CertificateCheck certificateCheck,
      LogEntry entry,
      boolean proofRequired,
      Timestamps timestamps,
      SignedContentCheck signatureCheck,
      SignedContentCheck logBodyCheck)
      throws VerificationException {
    // The certificate's checks and the signature's and log entry's share nothing: the first run on
    // another core (PKIX is the slowest check of a cold start). A certificate failure still comes
    // first, as it would in sequence.
    X509Certificate leaf = certificateCheck.leaf;
    CompletableFuture<CertificateChecks.Chain> certificate = certificateCheck.chain;
    // The timestamps' checks (CMS signature and chain: second only to PKIX in a cold start) share
    // nothing with the others either, and run on a third core if there is one; they are awaited
    // after the log checks and before the validity checks, as they would run in sequence.
    CompletableFuture<List<Instant>> stamped =
        timestamps.responses().isEmpty()
            ? CompletableFuture.completedFuture(List.of())
            : Background.start("timestamp-check", () -> checkTimestamps(timestamps));
    boolean promised = entry.signedEntryTimestamp() != null;
    try {
      signatureCheck.check(leaf);
      Log log =
          promised
              ? logEntryChecks.checkSignedEntryTimestamp(entry)
              : logEntryChecks.logOfCheckpoint(entry);
      // A v0.1 bundle may rest on the log's signed promise alone, as slsa-github-generator's
      // container-based and delegator builders' bundles do; the SET was checked above.
      if (proofRequired || !promised || entry.inclusionProof() != null) {
        logEntryChecks.checkInclusionProof(entry, log);
      }
      logBodyCheck.check(leaf);
    } catch (VerificationException | RuntimeException | Error later) {
      Background.await(certificate, VerificationException.class);
      throw later;
    }
    CertificateChecks.Chain chain = Background.await(certificate, VerificationException.class);

    List<SigningTime> times = new ArrayList<>();
    if (promised) {
      times.add(
          new SigningTime(
              Instant.ofEpochSecond(entry.integratedTime()), "the log's integrated time"));
    }
    for (Instant time : Background.await(stamped, VerificationException.class)) {
      times.add(new SigningTime(time, "the timestamp's time"));
    }
    if (times.isEmpty()) {
      throw new VerificationException(
          Check.TIMESTAMP,
          "expected an inclusion promise (Rekor v1) or an RFC 3161 timestamp for an entry of "
              + entry.kind()
              + " "
              + entry.version()
              + ", found neither");
    }
    // Every time the bundle claims must fall within the leaf's ten minutes, as sigstore-go does.
    for (SigningTime time : times) {
      certificateChecks.checkValidity(leaf, chain, time);
    }
    return times.get(0).instant();
  }
}
