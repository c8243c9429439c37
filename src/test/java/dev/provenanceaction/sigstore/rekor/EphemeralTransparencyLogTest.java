package dev.provenanceaction.sigstore.rekor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreJava;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.fulcio.EphemeralCertificateAuthority;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.MovableClock;
import dev.provenanceaction.testing.TestSigner;
import dev.sigstore.rekor.client.RekorVerificationException;
import dev.sigstore.rekor.client.RekorVerifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EphemeralTransparencyLogTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private final MovableClock clock = new MovableClock(NOW);
  private final EphemeralTransparencyLog log =
      EphemeralTransparencyLog.create(URI.create("https://rekor.ephemeral.invalid"), clock);
  private final TestSigner signer = TestSigner.generate();
  private final X509Certificate certificate =
      signer.leaf(
          EphemeralCertificateAuthority.create(
              URI.create("https://fulcio.ephemeral.invalid"), Clock.fixed(NOW, ZoneOffset.UTC)),
          Map.of("iss", "https://accounts.example", "sub", "s", "email", "e@example.com"));

  @Test
  void everyEntryVerifiesWithSigstoreJavaRekorVerifier() throws Exception {
    RekorVerifier verifier =
        RekorVerifier.newRekorVerifier(SigstoreJava.trustedRoot(trustedRoot()));
    List<LogEntry> appended = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      clock.advance(Duration.ofSeconds(7));
      LogEntry entry = log.append(signer.envelope("statement " + i), certificate);
      assertEquals(i, entry.logIndex());
      assertEquals(i + 1, entry.inclusionProof().treeSize());
      assertEquals(NOW.getEpochSecond() + 7L * (i + 1), entry.integratedTime());
      assertEquals("dsse", entry.kind());
      assertEquals("0.0.1", entry.version());
      verifier.verifyEntry(SigstoreJava.rekorEntry(entry));
      appended.add(entry);
    }
    // Entries fetched later carry proofs against the grown tree, and still verify.
    for (LogEntry entry : appended) {
      LogEntry current =
          log.find(EphemeralTransparencyLog.uuid(entry.canonicalizedBody())).orElseThrow();
      assertEquals(9, current.inclusionProof().treeSize());
      assertArrayEquals(entry.signedEntryTimestamp(), current.signedEntryTimestamp());
      verifier.verifyEntry(SigstoreJava.rekorEntry(current));
    }
    assertEquals(9, log.entries().size());
  }

  @Test
  void checkpointIsASignedNoteNamedByTheLogHost() throws Exception {
    LogEntry entry = log.append(signer.envelope("x"), certificate);
    String checkpoint = entry.inclusionProof().checkpoint();
    assertTrue(checkpoint.startsWith(log.origin() + "\n1\n"), checkpoint);
    assertTrue(log.origin().startsWith("rekor.ephemeral.invalid - "), log.origin());
    assertTrue(checkpoint.contains("\n\n\u2014 rekor.ephemeral.invalid "), checkpoint);
    assertTrue(checkpoint.endsWith("\n"));
  }

  @Test
  void tamperedBodyFailsVerification() throws Exception {
    RekorVerifier verifier =
        RekorVerifier.newRekorVerifier(SigstoreJava.trustedRoot(trustedRoot()));
    LogEntry entry = log.append(signer.envelope("x"), certificate);
    byte[] body = entry.canonicalizedBody();
    body[body.length - 3] ^= 1;
    LogEntry tampered =
        new LogEntry(
            entry.logIndex(),
            entry.logId(),
            entry.kind(),
            entry.version(),
            entry.integratedTime(),
            entry.signedEntryTimestamp(),
            entry.inclusionProof(),
            body);
    assertThrows(
        RekorVerificationException.class,
        () -> verifier.verifyEntry(SigstoreJava.rekorEntry(tampered)));
  }

  @Test
  void appendingTheSameEnvelopeAgainReturnsTheExistingEntry() throws Exception {
    DsseEnvelope envelope = signer.envelope("again");
    LogEntry first = log.append(envelope, certificate);
    log.append(signer.envelope("other"), certificate);
    clock.advance(Duration.ofSeconds(60));

    LogEntry again = log.append(envelope, certificate);

    assertEquals(first.logIndex(), again.logIndex());
    assertEquals(first.integratedTime(), again.integratedTime());
    assertArrayEquals(first.canonicalizedBody(), again.canonicalizedBody());
    assertEquals(2, log.size());
  }

  @Test
  void bodyHashesTheSubmittedEnvelopeString() throws Exception {
    DsseEnvelope envelope = signer.envelope("submitted");
    String submitted =
        DsseEntryBody.envelopeJson(envelope).replace("\"}]}", "\",\"keyid\":\"\"}]}");

    LogEntry entry = log.append(submitted, envelope, certificate);

    assertArrayEquals(
        DsseEntryBody.of(submitted, envelope, certificate).canonicalJson(),
        entry.canonicalizedBody());
  }

  @Test
  void rejectsAnEnvelopeTheCertificateDidNotSign() {
    DsseEnvelope good = signer.envelope("good");
    DsseEnvelope forged =
        new DsseEnvelope(
            "forged".getBytes(StandardCharsets.UTF_8), good.payloadType(), good.signature());
    SigstoreException e =
        assertThrows(SigstoreException.class, () -> log.append(forged, certificate));
    assertEquals("Rekor", e.service());
    assertEquals(0, log.size());
  }

  @Test
  void uuidIsTheHexLeafHash() throws Exception {
    LogEntry entry = log.append(signer.envelope("x"), certificate);
    String uuid = EphemeralTransparencyLog.uuid(entry.canonicalizedBody());
    assertEquals(64, uuid.length());
    assertTrue(log.find(uuid).isPresent());
    assertTrue(log.find("00".repeat(32)).isEmpty());
  }

  private TrustedRoot trustedRoot() {
    return new TrustedRoot(List.of(), List.of(log.trustedRootEntry()), List.of());
  }
}
