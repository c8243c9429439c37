package dev.provenanceaction.sigstore.rekor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.TlsTrust;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.fulcio.EphemeralCertificateAuthority;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.RekorServer;
import dev.provenanceaction.testing.TestSigner;
import dev.provenanceaction.testing.TestTls;
import dev.provenanceaction.verify.BundleVerifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RekorTransparencyLogTest {
  private static final TestTls TLS = TestTls.create();
  private static final EphemeralCertificateAuthority CA =
      EphemeralCertificateAuthority.create(URI.create("https://fulcio.example"), Clock.systemUTC());
  private static final TestSigner SIGNER = TestSigner.generate();
  private static final X509Certificate CERTIFICATE = SIGNER.leaf(CA, TestSigner.RELEASE_CLAIMS);

  private final List<String> log = new ArrayList<>();
  private RekorServer server;

  @BeforeEach
  void start() {
    server =
        RekorServer.create(
                EphemeralTransparencyLog.create(URI.create("https://localhost"), Clock.systemUTC()))
            .start(TLS);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RekorTransparencyLog client() {
    return client(Duration.ofSeconds(10));
  }

  private RekorTransparencyLog client(Duration requestTimeout) {
    return RekorTransparencyLog.of(server.url(), TLS.client(log::add, requestTimeout));
  }

  @Test
  void appendsADsseEntryThatVerifiesInABundle() throws Exception {
    DsseEnvelope envelope = SIGNER.envelope("{\"_type\":\"https://in-toto.io/Statement/v1\"}");
    LogEntry entry = client().append(envelope, CERTIFICATE);
    assertEquals("dsse", entry.kind());
    assertEquals("0.0.1", entry.version());
    assertEquals(0, entry.logIndex());
    assertEquals(1, entry.inclusionProof().treeSize());
    assertArrayEquals(
        DsseEntryBody.of(DsseEntryBody.EnvelopeJson.of(envelope), envelope, CERTIFICATE)
            .canonicalJson(),
        entry.canonicalizedBody());
    assertEquals(1, server.requestCount());

    TrustedRoot root =
        new TrustedRoot(
            List.of(CA.trustedRootEntry()),
            List.of(server.log().trustedRootEntry()),
            List.of(CA.ctLogEntry()));
    BundleVerifier.create(root).verify(new SigstoreBundle(CERTIFICATE, entry, envelope));
  }

  @Test
  void reAppendingReturnsTheExistingEntry() throws Exception {
    client().append(SIGNER.envelope("{\"n\":1}"), CERTIFICATE);
    // ECDSA signatures differ each time: only the very same envelope makes the very same entry.
    DsseEnvelope envelope = SIGNER.envelope("{\"n\":2}");
    LogEntry first = client().append(envelope, CERTIFICATE);
    int before = server.requestCount();
    LogEntry again = client().append(envelope, CERTIFICATE);
    assertEquals(1, first.logIndex());
    assertEquals(first.logIndex(), again.logIndex());
    assertArrayEquals(first.canonicalizedBody(), again.canonicalizedBody());
    assertArrayEquals(first.signedEntryTimestamp(), again.signedEntryTimestamp());
    assertEquals(2, server.log().size());
    // POST answered 409, then GET of the Location.
    assertEquals(before + 2, server.requestCount());
  }

  @Test
  void aConflictWithoutLocationIsLookedUpByTheEntrysUuid() throws Exception {
    server.withoutLocationOnConflict();
    client().append(SIGNER.envelope("{\"n\":1}"), CERTIFICATE);
    DsseEnvelope envelope = SIGNER.envelope("{\"n\":2}");
    LogEntry first = client().append(envelope, CERTIFICATE);
    int before = server.requestCount();
    LogEntry again = client().append(envelope, CERTIFICATE);
    assertEquals(1, again.logIndex());
    assertArrayEquals(first.canonicalizedBody(), again.canonicalizedBody());
    assertArrayEquals(first.signedEntryTimestamp(), again.signedEntryTimestamp());
    // POST answered 409 with no Location, then GET of the UUID the body hashes to.
    assertEquals(before + 2, server.requestCount());
  }

  @Test
  void retriesAfterServerErrorsThenSucceeds() throws Exception {
    server.failNext(2, 503);
    LogEntry entry = client().append(SIGNER.envelope("{}"), CERTIFICATE);
    assertEquals(0, entry.logIndex());
    assertEquals(3, server.requestCount());
    assertEquals(2, log.size());
    assertTrue(
        log.get(0)
            .matches(
                "Rekor: HTTP 503: injected failure, retrying in \\d+\\.\\d s \\(attempt 2 of 4\\)"),
        log.get(0));
  }

  @Test
  void finalFailureNamesTheServiceAndTheCause() {
    server.failNext(10, 500);
    SigstoreException e =
        assertThrows(
            SigstoreException.class, () -> client().append(SIGNER.envelope("{}"), CERTIFICATE));
    assertEquals("Rekor", e.service());
    assertEquals(
        "Rekor: gave up after 4 attempts, last: HTTP 500: injected failure", e.getMessage());
    assertEquals(4, server.requestCount());
  }

  @Test
  void refusedEntryIsNotRetried() {
    DsseEnvelope good = SIGNER.envelope("{}");
    DsseEnvelope forged =
        new DsseEnvelope(
            "{\"evil\":1}".getBytes(StandardCharsets.UTF_8), good.payloadType(), good.signature());
    SigstoreException e =
        assertThrows(SigstoreException.class, () -> client().append(forged, CERTIFICATE));
    assertEquals(
        "Rekor: HTTP 400: invalid entry: the signature does not verify with the verifier",
        e.getMessage());
    assertEquals(1, server.requestCount());
    assertEquals(0, server.log().size());
  }

  @Test
  void aTimedOutProposalIsRetriedAndLoggedOnce() throws Exception {
    server.delayNext(Duration.ofSeconds(4));
    LogEntry entry = client(Duration.ofSeconds(2)).append(SIGNER.envelope("{}"), CERTIFICATE);
    assertEquals(0, entry.logIndex());
    // On a loaded machine the TLS handshake itself may take the time, so either timeout counts.
    assertTrue(
        log.get(0)
            .matches(
                "Rekor: SocketTimeoutException: (connect|request) timed out after 2\\.\\d s, .*"),
        log.get(0));
    // The delayed proposal still reaches the log after the client gave up on it.
    for (int i = 0; i < 100 && server.log().size() == 0; i++) {
      Thread.sleep(100);
    }
    assertEquals(1, server.log().size());
  }

  @Test
  void failsClearlyWithoutTrustInTheServerCertificate() {
    RekorTransparencyLog untrusting =
        RekorTransparencyLog.of(
            server.url(),
            SigstoreHttp.create(
                TlsTrust.jdkDefaults(), RetryPolicy.standard().withSleeper(duration -> {})));
    SigstoreException e =
        assertThrows(
            SigstoreException.class, () -> untrusting.append(SIGNER.envelope("{}"), CERTIFICATE));
    assertTrue(
        e.getMessage()
            .startsWith("Rekor: TLS handshake failed, is the server's certificate trusted?"),
        e.getMessage());
    assertEquals(0, server.requestCount());
  }
}
