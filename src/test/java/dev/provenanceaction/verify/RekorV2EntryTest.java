package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.bundle.MessageSignature;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.CommandRun;
import dev.provenanceaction.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statement bundles with a Rekor v2 {@code dsse} 0.0.2 entry and an RFC 3161 timestamp. */
class RekorV2EntryTest {
  private static final byte[] ARTIFACT = "wheel bytes\n".getBytes(StandardCharsets.UTF_8);
  private static final String ARTIFACT_SHA256 = HexFormat.of().formatHex(Digests.sha256(ARTIFACT));
  private static final Instant SIGNED_AT = OwnSigstore.START.plusSeconds(30);

  @TempDir Path temp;

  private final OwnSigstore own = new OwnSigstore();
  private final TestTimestampAuthority tsa = new TestTimestampAuthority(OwnSigstore.START);
  private final OwnSigstore.Signer signer = own.newSigner();
  private final DsseEnvelope envelope =
      OwnSigstore.envelope(
          signer, OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, ARTIFACT_SHA256));
  private final LogEntry entry = own.logRekorV2(envelope, signer.leaf());

  private TrustedRoot root() {
    TrustedRoot own = this.own.trustedRoot();
    return new TrustedRoot(
        own.certificateAuthorities(),
        List.of(own.transparencyLogs().get(0), this.own.rekorV2().trustedRootEntry()),
        own.ctLogs(),
        List.of(tsa.trustedRootEntry()));
  }

  private SigstoreBundle bundle(List<byte[]> timestamps) {
    return new SigstoreBundle(signer.leaf(), entry, envelope, timestamps);
  }

  @Test
  void timestampedEntryVerifiesAtTheTimestampsTime() throws Exception {
    SigstoreBundle bundle = bundle(List.of(tsa.timestamp(envelope.signature(), SIGNED_AT)));

    VerifiedBundle verified = BundleVerifier.create(root()).verify(bundle);

    assertEquals(SIGNED_AT, verified.integratedTime());
    assertEquals("0.0.2", verified.logEntry().version());
  }

  @Test
  void bundleAndTrustedRootRoundTripThroughJson() throws Exception {
    SigstoreBundle bundle = bundle(List.of(tsa.timestamp(envelope.signature(), SIGNED_AT)));
    TrustedRoot root = TrustedRoot.parse(root().toJson());

    SigstoreBundle parsed = SigstoreBundle.parse(bundle.toJsonLine());

    assertEquals(1, root.timestampAuthorities().size());
    assertEquals(1, parsed.rfc3161Timestamps().size());
    assertEquals(SIGNED_AT, BundleVerifier.create(root).verify(parsed).integratedTime());
  }

  @Test
  void verifyArtifactAcceptsTheRekorV2Bundle() throws Exception {
    SigstoreBundle bundle = bundle(List.of(tsa.timestamp(envelope.signature(), SIGNED_AT)));
    Path rootFile = Files.write(temp.resolve("trusted_root.json"), root().toJson());
    Path provenance =
        Files.writeString(temp.resolve("wheels.intoto.jsonl"), bundle.toJsonLine() + "\n");
    Path artifact = Files.write(temp.resolve("wheels-1.0.0.whl"), ARTIFACT);

    CommandRun run =
        CommandRun.verifyArtifactExactly(
            List.of(
                "--offline",
                "--trusted-root",
                rootFile.toString(),
                "--provenance-path",
                provenance.toString(),
                "--source-uri",
                OwnSigstore.SOURCE_URI,
                artifact.toString()));

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("logged " + SIGNED_AT), run.out());
  }

  @Test
  void timestampAfterTheLeafExpiredFailsTheValidity() {
    Instant late = OwnSigstore.START.plus(Duration.ofMinutes(20));
    SigstoreBundle bundle = bundle(List.of(tsa.timestamp(envelope.signature(), late)));

    VerificationException error = assertFails(root(), bundle);

    assertEquals(Check.CERTIFICATE_VALIDITY, error.check());
    assertEquals(
        "CERTIFICATE_VALIDITY: expected the timestamp's time 2025-03-01T12:20:00Z within the"
            + " leaf's validity, found it outside 2025-03-01T12:00:00Z to 2025-03-01T12:10:00Z",
        error.getMessage());
  }

  @Test
  void timestampOverAnotherSignatureFailsTheTimestamp() {
    byte[] other = OwnSigstore.envelope(signer, envelope.payload()).signature();
    SigstoreBundle bundle = bundle(List.of(tsa.timestamp(other, SIGNED_AT)));

    VerificationException error = assertFails(root(), bundle);

    assertEquals(Check.TIMESTAMP, error.check());
    assertEquals(
        "TIMESTAMP: expected a message imprint of the signature's SHA-256 "
            + HexFormat.of().formatHex(Digests.sha256(envelope.signature()))
            + ", found "
            + HexFormat.of().formatHex(Digests.sha256(other)),
        error.getMessage());
  }

  @Test
  void timestampOfAnUntrustedAuthorityFailsTheTimestamp() {
    TestTimestampAuthority stranger = new TestTimestampAuthority(OwnSigstore.START);
    SigstoreBundle bundle = bundle(List.of(stranger.timestamp(envelope.signature(), SIGNED_AT)));

    VerificationException error = assertFails(root(), bundle);

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
    byte[] timestamp = tsa.timestamp(envelope.signature(), SIGNED_AT);
    SigstoreBundle bundle = bundle(List.of(BundleMutations.flip(timestamp, timestamp.length - 5)));

    assertEquals(Check.TIMESTAMP, assertFails(root(), bundle).check());
  }

  @Test
  void entryWithoutSetOrTimestampFailsTheTimestamp() {
    VerificationException error = assertFails(root(), bundle(List.of()));

    assertEquals(
        "TIMESTAMP: expected an inclusion promise (Rekor v1) or an RFC 3161 timestamp for an entry"
            + " of dsse 0.0.2, found neither",
        error.getMessage());
  }

  @Test
  void entryOfAnotherStatementFailsThePayloadHash() {
    DsseEnvelope other =
        OwnSigstore.envelope(
            signer, OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, "ee".repeat(32)));
    SigstoreBundle bundle =
        new SigstoreBundle(
            signer.leaf(),
            own.logRekorV2(other, signer.leaf()),
            envelope,
            List.of(tsa.timestamp(envelope.signature(), SIGNED_AT)));

    VerificationException error = assertFails(root(), bundle);

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error.getMessage().startsWith("LOG_BODY: expected /spec/dsseV002/payloadHash/digest "),
        error.getMessage());
  }

  @Test
  void envelopeLoggedAsHashedRekordOverItsPaeVerifies() throws Exception {
    LogEntry hashed =
        own.logRekorV2HashedRekord(
            Digests.sha256(envelope.pae()), envelope.signature(), signer.leaf());
    SigstoreBundle bundle =
        new SigstoreBundle(
            signer.leaf(),
            hashed,
            envelope,
            List.of(tsa.timestamp(envelope.signature(), SIGNED_AT)));

    VerifiedBundle verified = BundleVerifier.create(root()).verify(bundle);

    assertEquals("hashedrekord", verified.logEntry().kind());
    assertEquals(SIGNED_AT, verified.integratedTime());
  }

  @Test
  void hashedRekordOverThePayloadRatherThanThePaeFailsTheLogBody() {
    LogEntry hashed =
        own.logRekorV2HashedRekord(
            Digests.sha256(envelope.payload()), envelope.signature(), signer.leaf());
    SigstoreBundle bundle =
        new SigstoreBundle(
            signer.leaf(),
            hashed,
            envelope,
            List.of(tsa.timestamp(envelope.signature(), SIGNED_AT)));

    VerificationException error = assertFails(root(), bundle);

    assertEquals(
        "LOG_BODY: expected /spec/hashedRekordV002/data/digest "
            + Base64.getEncoder().encodeToString(Digests.sha256(envelope.pae()))
            + ", found \""
            + Base64.getEncoder().encodeToString(Digests.sha256(envelope.payload()))
            + "\"",
        error.getMessage());
  }

  @Test
  void blobLoggedAsHashedRekordWithATimestampVerifies() throws Exception {
    byte[] blob = "sdist bytes".getBytes(StandardCharsets.UTF_8);
    byte[] signature = Ecdsa.sign(signer.key().getPrivate(), blob);
    MessageSignatureBundle bundle =
        new MessageSignatureBundle(
            signer.leaf(),
            own.logRekorV2HashedRekord(Digests.sha256(blob), signature, signer.leaf()),
            new MessageSignature(MessageSignature.SHA2_256, Digests.sha256(blob), signature),
            List.of(tsa.timestamp(signature, SIGNED_AT)));

    VerifiedBlob verified = BundleVerifier.create(root()).verify(bundle);

    assertEquals(SIGNED_AT, verified.integratedTime());
  }

  @Test
  void timestampBeforeTheAuthorityWasTrustedFailsTheTimestamp() {
    TrustedRoot.CertificateAuthorityEntry listed = tsa.trustedRootEntry();
    TrustedRoot.CertificateAuthorityEntry later =
        new TrustedRoot.CertificateAuthorityEntry(
            listed.uri(),
            listed.subjectOrganization(),
            listed.subjectCommonName(),
            listed.certChain(),
            new TrustedRoot.ValidFor(SIGNED_AT.plusSeconds(1), null));
    TrustedRoot base = root();
    TrustedRoot root =
        new TrustedRoot(
            base.certificateAuthorities(), base.transparencyLogs(), base.ctLogs(), List.of(later));

    VerificationException error =
        assertFails(root, bundle(List.of(tsa.timestamp(envelope.signature(), SIGNED_AT))));

    assertTrue(
        error.getMessage().endsWith("(not trusted at " + SIGNED_AT + ")"), error.getMessage());
  }

  @Test
  void publicGoodRootKeepsItsTimestampAuthority() throws Exception {
    TrustedRoot root = TrustedRoot.parse(Fixtures.bytes(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT));

    assertEquals(1, root.timestampAuthorities().size());
    assertEquals("Internal Services Root", root.timestampAuthorities().get(0).subjectCommonName());
  }

  private static VerificationException assertFails(TrustedRoot root, SigstoreBundle bundle) {
    return assertThrows(
        VerificationException.class, () -> BundleVerifier.create(root).verify(bundle));
  }
}
