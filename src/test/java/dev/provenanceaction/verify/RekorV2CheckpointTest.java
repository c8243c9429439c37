package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.RekorV2Statement.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.OwnSigstore;
import dev.provenanceaction.testing.TestRekorV2Log;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checkpoints of Rekor v2 logs: witness cosignatures, and a log with an ECDSA key. */
class RekorV2CheckpointTest {
  private final RekorV2Statement given = new RekorV2Statement();

  @Test
  void witnessCosignaturesAreIgnoredAndTheLogsOwnLineCounts() throws Exception {
    given
        .own
        .rekorV2()
        .addWitness(
            new TestRekorV2Log.Witness("witness.example", TestRekorV2Log.generateEd25519()));
    LogEntry cosigned = given.own.logRekorV2(given.envelope, given.signer.leaf());
    SigstoreBundle bundle = given.timestamped(cosigned);

    BundleVerifier.create(given.root()).verify(bundle);

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
    String note = given.entry.inclusionProof().checkpoint();
    String text = note.substring(0, note.indexOf("\n\n") + 1);
    TestRekorV2Log.Witness witness =
        new TestRekorV2Log.Witness("witness.example", TestRekorV2Log.generateEd25519());
    String witnessOnly =
        text
            + "\n"
            + TestRekorV2Log.signatureLine(
                witness.name(), witness.keyId(), witness.key().getPrivate(), text);
    LogEntry changed =
        BundleMutations.withProof(
            given.entry, BundleMutations.withCheckpoint(given.entry.inclusionProof(), witnessOnly));
    SigstoreBundle bundle = given.timestamped(changed);

    VerificationException error = assertFails(given.root(), bundle);

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
    LogEntry logged =
        ecdsaLog.append(given.entry.kind(), given.entry.version(), given.entry.canonicalizedBody());
    TrustedRoot base = given.root();
    TrustedRoot root =
        new TrustedRoot(
            base.certificateAuthorities(),
            List.of(ecdsaLog.trustedRootEntry()),
            base.ctLogs(),
            base.timestampAuthorities());
    SigstoreBundle bundle = given.timestamped(logged);

    BundleVerifier.create(root).verify(bundle);

    assertArrayEquals(
        Arrays.copyOf(Digests.sha256(ecdsaLog.trustedRootEntry().publicKey().getEncoded()), 4),
        CheckpointCheck.keyId(
            "log-ecdsa.rekor.invalid", ecdsaLog.trustedRootEntry().publicKey(), true));
  }
}
