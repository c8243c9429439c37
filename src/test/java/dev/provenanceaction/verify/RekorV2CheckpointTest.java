package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checkpoints of Rekor v2 logs: witness cosignatures, and a log with an ECDSA key. */
class RekorV2CheckpointTest {
  private static final byte[] ARTIFACT = "wheel bytes\n".getBytes(StandardCharsets.UTF_8);
  private static final String ARTIFACT_SHA256 = HexFormat.of().formatHex(Digests.sha256(ARTIFACT));
  private static final Instant SIGNED_AT = OwnSigstore.START.plusSeconds(30);

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

  @Test
  void witnessCosignaturesAreIgnoredAndTheLogsOwnLineCounts() throws Exception {
    own.rekorV2()
        .addWitness(
            new TestRekorV2Log.Witness("witness.example", TestRekorV2Log.generateEd25519()));
    LogEntry cosigned = own.logRekorV2(envelope, signer.leaf());
    SigstoreBundle bundle =
        new SigstoreBundle(
            signer.leaf(),
            cosigned,
            envelope,
            List.of(tsa.timestamp(envelope.signature(), SIGNED_AT)));

    BundleVerifier.create(root()).verify(bundle);

    assertEquals(
        2,
        cosigned
            .inclusionProof()
            .checkpoint()
            .lines()
            .filter(line -> line.startsWith("\u2014 "))
            .count());
  }

  @Test
  void checkpointSignedOnlyByAWitnessFailsTheCheckpoint() {
    String note = entry.inclusionProof().checkpoint();
    String text = note.substring(0, note.indexOf("\n\n") + 1);
    TestRekorV2Log.Witness witness =
        new TestRekorV2Log.Witness("witness.example", TestRekorV2Log.generateEd25519());
    String witnessOnly =
        text
            + "\n"
            + TestRekorV2Log.signatureLine(
                witness.name(),
                CheckpointCheck.keyId(witness.name(), witness.key().getPublic(), true),
                witness.key().getPrivate(),
                text);
    LogEntry changed =
        BundleMutations.withProof(
            entry, BundleMutations.withCheckpoint(entry.inclusionProof(), witnessOnly));
    SigstoreBundle bundle =
        new SigstoreBundle(
            signer.leaf(),
            changed,
            envelope,
            List.of(tsa.timestamp(envelope.signature(), SIGNED_AT)));

    VerificationException error = assertFails(root(), bundle);

    assertEquals(Check.CHECKPOINT, error.check());
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "CHECKPOINT: expected a signature by log2025-test.rekor.invalid with key id "),
        error.getMessage());
  }

  @Test
  void logWithAnEcdsaKeyNamesItsCheckpointsBySpkiDigest() throws Exception {
    TestRekorV2Log ecdsaLog = TestRekorV2Log.ecdsa("log-ecdsa.rekor.invalid", OwnSigstore.START);
    LogEntry logged = ecdsaLog.append(entry.kind(), entry.version(), entry.canonicalizedBody());
    TrustedRoot base = root();
    TrustedRoot root =
        new TrustedRoot(
            base.certificateAuthorities(),
            List.of(ecdsaLog.trustedRootEntry()),
            base.ctLogs(),
            base.timestampAuthorities());
    SigstoreBundle bundle =
        new SigstoreBundle(
            signer.leaf(),
            logged,
            envelope,
            List.of(tsa.timestamp(envelope.signature(), SIGNED_AT)));

    BundleVerifier.create(root).verify(bundle);

    assertArrayEquals(
        Arrays.copyOf(Digests.sha256(ecdsaLog.trustedRootEntry().publicKey().getEncoded()), 4),
        CheckpointCheck.keyId(
            "log-ecdsa.rekor.invalid", ecdsaLog.trustedRootEntry().publicKey(), true));
  }

  private static VerificationException assertFails(TrustedRoot root, SigstoreBundle bundle) {
    return assertThrows(
        VerificationException.class, () -> BundleVerifier.create(root).verify(bundle));
  }
}
