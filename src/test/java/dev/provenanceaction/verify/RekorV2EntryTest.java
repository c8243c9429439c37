package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.RekorV2Statement.ARTIFACT_SHA256;
import static dev.provenanceaction.verify.RekorV2Statement.SIGNED_AT;
import static dev.provenanceaction.verify.RekorV2Statement.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.bundle.MessageSignature;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.OwnSigstore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statement bundles with a Rekor v2 {@code dsse} 0.0.2 entry and an RFC 3161 timestamp. */
class RekorV2EntryTest {

  private final RekorV2Statement given = new RekorV2Statement();

  @Test
  void timestampedEntryVerifiesAtTheTimestampsTime() throws Exception {
    SigstoreBundle bundle = given.timestamped(given.entry);

    VerifiedBundle verified = BundleVerifier.create(given.root()).verify(bundle);

    assertEquals(SIGNED_AT, verified.integratedTime());
    assertEquals("0.0.2", verified.logEntry().version());
  }

  @Test
  void bundleAndTrustedRootRoundTripThroughJson() throws Exception {
    SigstoreBundle bundle = given.timestamped(given.entry);
    TrustedRoot root = TrustedRoot.parse(given.root().toJson());

    SigstoreBundle parsed =
        SigstoreBundle.parse(new String(bundle.toJsonLine(), StandardCharsets.UTF_8));

    assertEquals(1, root.timestampAuthorities().size());
    assertEquals(1, parsed.rfc3161Timestamps().size());
    assertEquals(SIGNED_AT, BundleVerifier.create(root).verify(parsed).integratedTime());
  }

  @Test
  void verifyArtifactAcceptsTheRekorV2Bundle() throws Exception {
    SigstoreBundle bundle = given.timestamped(given.entry);

    VerifiedProvenance provenance =
        ProvenanceVerification.verified(
            new String(bundle.toJsonLine(), StandardCharsets.UTF_8),
            given.root(),
            VerificationPolicy.provenance(
                List.of(new Artifact("wheels-1.0.0.whl", ARTIFACT_SHA256)),
                IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER)
                    .withSourceRepositoryUri("https://" + OwnSigstore.SOURCE_URI)));

    assertEquals(SIGNED_AT, provenance.integratedTime());
  }

  @Test
  void timestampAfterTheLeafExpiredFailsTheValidity() {
    Instant late = OwnSigstore.START.plus(Duration.ofMinutes(20));
    SigstoreBundle bundle =
        given.bundle(List.of(given.tsa.timestamp(given.envelope.signature(), late)));

    VerificationException error = assertFails(given.root(), bundle);

    assertEquals(Check.CERTIFICATE_VALIDITY, error.check());
    assertEquals(
        "CERTIFICATE_VALIDITY: expected the timestamp's time 2025-03-01T12:20:00Z within the"
            + " leaf's validity, found it outside 2025-03-01T12:00:00Z to 2025-03-01T12:10:00Z",
        error.getMessage());
  }

  @Test
  void timestampOverAnotherSignatureFailsTheTimestamp() {
    byte[] other = OwnSigstore.envelope(given.signer, given.envelope.payload()).signature();
    SigstoreBundle bundle = given.bundle(List.of(given.tsa.timestamp(other, SIGNED_AT)));

    VerificationException error = assertFails(given.root(), bundle);

    assertEquals(Check.TIMESTAMP, error.check());
    assertEquals(
        "TIMESTAMP: expected a message imprint of the signature's SHA-256 "
            + HexFormat.of().formatHex(Digests.sha256(given.envelope.signature()))
            + ", found "
            + HexFormat.of().formatHex(Digests.sha256(other)),
        error.getMessage());
  }

  @Test
  void timestampOfAnUntrustedAuthorityFailsTheTimestamp() {
    TestTimestampAuthority stranger = new TestTimestampAuthority(OwnSigstore.START);
    SigstoreBundle bundle =
        given.bundle(List.of(stranger.timestamp(given.envelope.signature(), SIGNED_AT)));

    VerificationException error = assertFails(given.root(), bundle);

    assertEquals(Check.TIMESTAMP, error.check());
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "TIMESTAMP: expected a timestamp signed by one of 1 trusted timestamp authorities,"
                    + " found one that fails: \"CN=test-tsa\""),
        error.getMessage());
  }

  @Test
  void flippedTimestampFailsTheTimestamp() {
    byte[] timestamp = given.tsa.timestamp(given.envelope.signature(), SIGNED_AT);
    SigstoreBundle bundle =
        given.bundle(List.of(BundleMutations.flip(timestamp, timestamp.length - 5)));

    assertEquals(Check.TIMESTAMP, assertFails(given.root(), bundle).check());
  }

  @Test
  void entryWithoutSetOrTimestampFailsTheTimestamp() {
    VerificationException error = assertFails(given.root(), given.bundle(List.of()));

    assertEquals(
        "TIMESTAMP: expected an inclusion promise (Rekor v1) or an RFC 3161 timestamp for an entry"
            + " of dsse 0.0.2, found neither",
        error.getMessage());
  }

  @Test
  void entryOfAnotherStatementFailsThePayloadHash() {
    DsseEnvelope other =
        OwnSigstore.envelope(
            given.signer, OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, "ee".repeat(32)));
    SigstoreBundle bundle = given.timestamped(given.own.logRekorV2(other, given.signer.leaf()));

    VerificationException error = assertFails(given.root(), bundle);

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error.getMessage().startsWith("LOG_BODY: expected /spec/dsseV002/payloadHash/digest "),
        error.getMessage());
  }

  @Test
  void envelopeLoggedAsHashedRekordOverItsPaeVerifies() throws Exception {
    LogEntry hashed =
        given.own.logRekorV2HashedRekord(
            Digests.sha256(given.envelope.pae()), given.envelope.signature(), given.signer.leaf());
    SigstoreBundle bundle = given.timestamped(hashed);

    VerifiedBundle verified = BundleVerifier.create(given.root()).verify(bundle);

    assertEquals("hashedrekord", verified.logEntry().kind());
    assertEquals(SIGNED_AT, verified.integratedTime());
  }

  @Test
  void hashedRekordOverThePayloadRatherThanThePaeFailsTheLogBody() {
    LogEntry hashed =
        given.own.logRekorV2HashedRekord(
            Digests.sha256(given.envelope.payload()),
            given.envelope.signature(),
            given.signer.leaf());
    SigstoreBundle bundle = given.timestamped(hashed);

    VerificationException error = assertFails(given.root(), bundle);

    assertEquals(
        "LOG_BODY: expected /spec/hashedRekordV002/data/digest "
            + Base64.getEncoder().encodeToString(Digests.sha256(given.envelope.pae()))
            + ", found \""
            + Base64.getEncoder().encodeToString(Digests.sha256(given.envelope.payload()))
            + "\"",
        error.getMessage());
  }

  @Test
  void blobLoggedAsHashedRekordWithATimestampVerifies() throws Exception {
    byte[] blob = "sdist bytes".getBytes(StandardCharsets.UTF_8);
    byte[] signature = Ecdsa.sign(given.signer.key().getPrivate(), blob);
    MessageSignatureBundle bundle =
        new MessageSignatureBundle(
            given.signer.leaf(),
            given.own.logRekorV2HashedRekord(Digests.sha256(blob), signature, given.signer.leaf()),
            new MessageSignature(MessageSignature.SHA2_256, Digests.sha256(blob), signature),
            List.of(given.tsa.timestamp(signature, SIGNED_AT)));

    VerifiedBlob verified = BundleVerifier.create(given.root()).verify(bundle);

    assertEquals(SIGNED_AT, verified.integratedTime());
  }

  @Test
  void timestampBeforeTheAuthorityWasTrustedFailsTheTimestamp() {
    TrustedRoot.CertificateAuthorityEntry listed = given.tsa.trustedRootEntry();
    TrustedRoot.CertificateAuthorityEntry later =
        new TrustedRoot.CertificateAuthorityEntry(
            listed.uri(),
            listed.subjectOrganization(),
            listed.subjectCommonName(),
            listed.certChain(),
            new TrustedRoot.ValidFor(SIGNED_AT.plusSeconds(1), null));
    TrustedRoot base = given.root();
    TrustedRoot root =
        new TrustedRoot(
            base.certificateAuthorities(), base.transparencyLogs(), base.ctLogs(), List.of(later));

    VerificationException error = assertFails(root, given.timestamped(given.entry));

    assertTrue(
        error.getMessage().endsWith("(not trusted at " + SIGNED_AT + ")"), error.getMessage());
  }

  @Test
  void publicGoodRootKeepsItsTimestampAuthority() throws Exception {
    TrustedRoot root = TrustedRoot.parse(Fixtures.bytes(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT));

    assertEquals(1, root.timestampAuthorities().size());
    assertEquals("Internal Services Root", root.timestampAuthorities().get(0).subjectCommonName());
  }
}
