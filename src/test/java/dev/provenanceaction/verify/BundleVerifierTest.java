package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.BundleMutations.flip;
import static dev.provenanceaction.verify.BundleMutations.flipLast;
import static dev.provenanceaction.verify.BundleMutations.withCheckpoint;
import static dev.provenanceaction.verify.BundleMutations.withEntry;
import static dev.provenanceaction.verify.BundleMutations.withEnvelope;
import static dev.provenanceaction.verify.BundleMutations.withProof;
import static dev.provenanceaction.verify.BundleMutations.withTime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.InclusionProof;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.provenanceaction.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundleVerifierTest {
  private static final TrustedRoot ROOT = parseRoot();
  private static final SigstoreBundle SLSA = parseBundle(Fixtures.SLSA_GENERATOR_JSONL);
  private static final SigstoreBundle ATTEST = parseBundle(Fixtures.ATTEST_BUNDLE);

  private static TrustedRoot parseRoot() {
    try {
      return TrustedRoot.parse(Fixtures.bytes(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static SigstoreBundle parseBundle(String fixture) {
    try {
      return SigstoreBundle.parse(Fixtures.text(fixture).strip());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void verifiesTheSlsaGeneratorBundle() throws Exception {
    VerifiedBundle verified = BundleVerifier.create(ROOT).verify(SLSA);

    assertEquals(Instant.ofEpochSecond(1740517937L), verified.integratedTime());
    assertArrayEquals(SLSA.envelope().payload(), verified.statement());
    assertEquals(SLSA.certificate(), verified.certificate());
    assertEquals(174298180L, verified.logEntry().logIndex());
  }

  @Test
  void verifiesTheAttestBundle() throws Exception {
    VerifiedBundle verified = BundleVerifier.create(ROOT).verify(ATTEST);

    assertEquals(Instant.ofEpochSecond(1732135425L), verified.integratedTime());
    assertTrue(
        new String(verified.statement(), StandardCharsets.UTF_8)
            .contains("\"predicateType\":\"https://slsa.dev/provenance/v1\""));
  }

  @Test
  void aCertificateCheckedAheadDoesNotHideThePayloadTypesFailure() throws Exception {
    X509Certificate changed = changedCertificate();
    DsseEnvelope envelope = SLSA.envelope();
    // The chain, checked ahead, fails too; the payload type comes first in Check's order.
    SigstoreBundle bundle =
        new SigstoreBundle(
            changed,
            SLSA.logEntry(),
            new DsseEnvelope(envelope.payload(), "application/json", envelope.signature()));
    BundleVerifier verifier = BundleVerifier.create(ROOT);

    VerificationException error =
        assertThrows(
            VerificationException.class,
            () -> verifier.verify(bundle, verifier.checkAhead(changed)));

    assertEquals(Check.PAYLOAD_TYPE, error.check(), error.getMessage());
  }

  @Test
  void aCertificateCheckedAheadFailsTheChainBeforeTheOtherChecks() throws Exception {
    X509Certificate changed = changedCertificate();
    // The log body (which records the unchanged certificate) fails too; the chain, checked ahead,
    // is the failure reported.
    SigstoreBundle bundle = new SigstoreBundle(changed, SLSA.logEntry(), SLSA.envelope());
    BundleVerifier verifier = BundleVerifier.create(ROOT);

    VerificationException error =
        assertThrows(
            VerificationException.class,
            () -> verifier.verify(bundle, verifier.checkAhead(changed)));

    assertEquals(Check.CERTIFICATE_CHAIN, error.check(), error.getMessage());
  }

  /** The SLSA bundle's leaf with its signature's last byte flipped: it chains to no CA. */
  private static X509Certificate changedCertificate() throws Exception {
    byte[] der = flipLast(SLSA.certificate().getEncoded());
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  @Test
  void aCertificateCheckedAheadMustBeTheBundles() {
    BundleVerifier verifier = BundleVerifier.create(ROOT);

    assertThrows(
        IllegalArgumentException.class,
        () -> verifier.verify(SLSA, verifier.checkAhead(ATTEST.certificate())));
  }

  @Test
  void flippedSignatureFailsTheDsseSignature() {
    DsseEnvelope envelope = SLSA.envelope();
    DsseEnvelope changed =
        new DsseEnvelope(
            envelope.payload(), envelope.payloadType(), flipLast(envelope.signature()));

    assertFails(Check.DSSE_SIGNATURE, withEnvelope(SLSA, changed));
  }

  @Test
  void flippedPayloadFailsTheDsseSignature() {
    DsseEnvelope envelope = ATTEST.envelope();
    DsseEnvelope changed =
        new DsseEnvelope(
            flip(envelope.payload(), 40), envelope.payloadType(), envelope.signature());

    assertFails(Check.DSSE_SIGNATURE, withEnvelope(ATTEST, changed));
  }

  @Test
  void otherPayloadTypeFailsThePayloadType() {
    DsseEnvelope envelope = SLSA.envelope();
    DsseEnvelope changed =
        new DsseEnvelope(envelope.payload(), "application/json", envelope.signature());

    VerificationException error = assertFails(Check.PAYLOAD_TYPE, withEnvelope(SLSA, changed));
    assertEquals(
        "PAYLOAD_TYPE: expected application/vnd.in-toto+json, found application/json",
        error.getMessage());
  }

  @Test
  void flippedCertificateFailsTheChain() throws Exception {
    byte[] der = flipLast(SLSA.certificate().getEncoded());
    X509Certificate changed =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));

    assertFails(
        Check.CERTIFICATE_CHAIN, new SigstoreBundle(changed, SLSA.logEntry(), SLSA.envelope()));
  }

  @Test
  void rootWithoutTheIssuingAuthorityFailsTheChain() {
    TrustedRoot withoutIntermediate =
        new TrustedRoot(
            List.of(ROOT.certificateAuthorities().get(0)), ROOT.transparencyLogs(), ROOT.ctLogs());

    VerificationException error =
        assertThrows(
            VerificationException.class,
            () -> BundleVerifier.create(withoutIntermediate).verify(SLSA));
    assertEquals(Check.CERTIFICATE_CHAIN, error.check());
    assertTrue(error.getMessage().contains("sigstore-intermediate"), error.getMessage());
  }

  @Test
  void rootWithoutCtLogsFailsTheSct() {
    TrustedRoot withoutCtLogs =
        new TrustedRoot(ROOT.certificateAuthorities(), ROOT.transparencyLogs(), List.of());

    VerificationException error =
        assertThrows(
            VerificationException.class, () -> BundleVerifier.create(withoutCtLogs).verify(ATTEST));
    assertEquals(Check.SCT, error.check());
  }

  @Test
  void flippedSignedEntryTimestampFailsTheSet() {
    assertFails(Check.SET, BundleMutations.flipSignedEntryTimestamp(SLSA));
  }

  @Test
  void changedIntegratedTimeFailsTheSetBeforeTheValidity() {
    // The SET covers the time: a real bundle cannot be moved in time without the log's key.
    LogEntry entry = SLSA.logEntry();
    long late = SLSA.certificate().getNotAfter().toInstant().getEpochSecond() + 3600;

    assertFails(Check.SET, withEntry(SLSA, withTime(entry, late, entry.signedEntryTimestamp())));
  }

  @Test
  void unknownLogIdFailsTheSet() {
    LogEntry entry = ATTEST.logEntry();
    LogEntry changed =
        new LogEntry(
            entry.logIndex(),
            new byte[32],
            entry.kind(),
            entry.version(),
            entry.integratedTime(),
            entry.signedEntryTimestamp(),
            entry.inclusionProof(),
            entry.canonicalizedBody());

    assertFails(Check.SET, withEntry(ATTEST, changed));
  }

  @Test
  void flippedProofHashFailsTheInclusionProof() {
    LogEntry entry = SLSA.logEntry();
    InclusionProof proof = entry.inclusionProof();
    List<byte[]> hashes = new ArrayList<>(proof.hashes());
    hashes.set(3, flip(hashes.get(3), 7));
    InclusionProof changed =
        new InclusionProof(
            proof.logIndex(), proof.rootHash(), proof.treeSize(), hashes, proof.checkpoint());

    assertFails(Check.INCLUSION_PROOF, withEntry(SLSA, withProof(entry, changed)));
  }

  @Test
  void flippedCheckpointSignatureFailsTheCheckpoint() {
    LogEntry entry = ATTEST.logEntry();
    InclusionProof proof = entry.inclusionProof();
    char[] note = proof.checkpoint().toCharArray();
    int index = note.length - 10;
    note[index] = note[index] == 'A' ? 'B' : 'A';

    assertFails(
        Check.CHECKPOINT,
        withEntry(ATTEST, withProof(entry, withCheckpoint(proof, new String(note)))));
  }

  @Test
  void changedCheckpointSizeFailsTheCheckpoint() {
    LogEntry entry = SLSA.logEntry();
    InclusionProof proof = entry.inclusionProof();
    String note = proof.checkpoint().replace("\n52393919\n", "\n52393920\n");

    assertFails(Check.CHECKPOINT, withEntry(SLSA, withProof(entry, withCheckpoint(proof, note))));
  }

  @Test
  void unsignedCheckpointFailsTheCheckpoint() {
    LogEntry entry = SLSA.logEntry();
    InclusionProof proof = entry.inclusionProof();
    String note = proof.checkpoint().substring(0, proof.checkpoint().indexOf("\n\n") + 1);

    VerificationException error =
        assertFails(
            Check.CHECKPOINT, withEntry(SLSA, withProof(entry, withCheckpoint(proof, note))));
    assertTrue(error.getMessage().contains("no blank line"), error.getMessage());
  }

  @Test
  void entryOfAnotherBundleFailsTheLogBody() {
    VerificationException error =
        assertFails(
            Check.LOG_BODY,
            new SigstoreBundle(SLSA.certificate(), ATTEST.logEntry(), SLSA.envelope()));

    assertTrue(error.getMessage().contains("/spec/payloadHash/value"), error.getMessage());
  }

  @Test
  void timeOutsideTheLeafValidityFailsTheValidity() throws Exception {
    LogEntry entry = SLSA.logEntry();
    long late = SLSA.certificate().getNotAfter().toInstant().getEpochSecond() + 1;
    ForgedLog log = new ForgedLog();

    VerificationException error =
        assertThrows(
            VerificationException.class,
            () ->
                BundleVerifier.create(log.root()).verify(withEntry(SLSA, log.resign(entry, late))));

    assertEquals(Check.CERTIFICATE_VALIDITY, error.check());
    assertTrue(error.getMessage().contains("2025-02-25T21:22:18Z"), error.getMessage());
  }

  @Test
  void forgedLogAcceptsTheOriginalTime() throws Exception {
    // Control for the test above: the re-signed entry fails only because of its time.
    LogEntry entry = SLSA.logEntry();
    ForgedLog log = new ForgedLog();

    VerifiedBundle verified =
        BundleVerifier.create(log.root())
            .verify(withEntry(SLSA, log.resign(entry, entry.integratedTime())));

    assertEquals(Instant.ofEpochSecond(entry.integratedTime()), verified.integratedTime());
  }

  /** A stand-in for Rekor's key, to move an entry in time and sign it again. */
  private static final class ForgedLog {
    private final KeyPair key;
    private final byte[] logId;

    ForgedLog() throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      key = generator.generateKeyPair();
      logId = Digests.sha256(key.getPublic().getEncoded());
    }

    TrustedRoot root() {
      Log rekor = ROOT.transparencyLogs().get(0);
      Log forged =
          new Log(rekor.baseUrl(), key.getPublic(), rekor.keyDetails(), logId, rekor.validFor());
      return new TrustedRoot(ROOT.certificateAuthorities(), List.of(forged), ROOT.ctLogs());
    }

    LogEntry resign(LogEntry entry, long integratedTime) throws Exception {
      LogEntry moved =
          new LogEntry(
              entry.logIndex(),
              logId,
              entry.kind(),
              entry.version(),
              integratedTime,
              null,
              entry.inclusionProof(),
              entry.canonicalizedBody());
      byte[] set = sign(LogEntryChecks.signedEntryTimestampPayload(moved));
      String note = entry.inclusionProof().checkpoint();
      String text = note.substring(0, note.indexOf("\n\n") + 1);
      byte[] signature = sign(text.getBytes(StandardCharsets.UTF_8));
      byte[] hintAndSignature = new byte[4 + signature.length];
      System.arraycopy(logId, 0, hintAndSignature, 0, 4);
      System.arraycopy(signature, 0, hintAndSignature, 4, signature.length);
      String checkpoint =
          text
              + "\n\u2014 rekor.sigstore.dev "
              + Base64.getEncoder().encodeToString(hintAndSignature)
              + "\n";
      return withProof(
          withTime(moved, integratedTime, set), withCheckpoint(entry.inclusionProof(), checkpoint));
    }

    private byte[] sign(byte[] data) throws Exception {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(key.getPrivate());
      signer.update(data);
      return signer.sign();
    }
  }

  private static VerificationException assertFails(Check expected, SigstoreBundle bundle) {
    VerificationException error =
        assertThrows(VerificationException.class, () -> BundleVerifier.create(ROOT).verify(bundle));
    assertEquals(expected, error.check(), error.getMessage());
    return error;
  }
}
