package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Verifies a DSSE bundle's cryptography against a trusted root, offline: the certificate chain and
 * SCT, the envelope's signature, and the Rekor v1 entry (SET, inclusion proof, checkpoint, body).
 * It says nothing about whose identity the certificate names; that is a policy's job.
 *
 * <p>The checks run in {@link Check}'s order, chosen so that a change to one part of a bundle fails
 * the check about that part: the envelope is checked before the log body that records it, and the
 * log entry on its own before its time is held against the certificate.
 */
public final class BundleVerifier {
  private final CertificateChecks certificateChecks;
  private final SctCheck sctCheck;
  private final LogEntryChecks logEntryChecks;

  private BundleVerifier(TrustedRoot root) {
    this.certificateChecks = new CertificateChecks(root);
    this.sctCheck = new SctCheck(root);
    this.logEntryChecks = new LogEntryChecks(root);
  }

  public static BundleVerifier create(TrustedRoot root) {
    return new BundleVerifier(root);
  }

  /**
   * @throws VerificationException naming the first check that failed, with the expected and the
   *     found value
   */
  public VerifiedBundle verify(SigstoreBundle bundle) throws VerificationException {
    DsseEnvelope envelope = bundle.envelope();
    X509Certificate leaf = bundle.certificate();
    LogEntry entry = bundle.logEntry();

    if (!envelope.payloadType().equals(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE)) {
      throw new VerificationException(
          Check.PAYLOAD_TYPE,
          "expected " + DsseEnvelope.IN_TOTO_PAYLOAD_TYPE + ", found " + envelope.payloadType());
    }
    CertificateChecks.Chain chain = certificateChecks.checkChain(leaf);
    sctCheck.check(chain.certificates());
    if (!Signatures.verify(leaf.getPublicKey(), envelope.pae(), envelope.signature())) {
      throw new VerificationException(
          Check.DSSE_SIGNATURE,
          "expected a signature by the leaf's key over the envelope's PAE, found one that does"
              + " not verify");
    }

    Log log = logEntryChecks.checkSignedEntryTimestamp(entry);
    logEntryChecks.checkInclusionProof(entry);
    logEntryChecks.checkCheckpoint(entry, log);
    LogBodyCheck.check(entry, envelope, leaf);

    Instant integratedTime = Instant.ofEpochSecond(entry.integratedTime());
    certificateChecks.checkValidity(leaf, chain, integratedTime);
    return new VerifiedBundle(leaf, integratedTime, envelope.payload(), entry);
  }
}
