package dev.provenanceaction.sigstore.rekor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.fulcio.EphemeralCertificateAuthority;
import dev.provenanceaction.testing.RekorV2Server;
import dev.provenanceaction.testing.Sha256;
import dev.provenanceaction.testing.TestSigner;
import dev.provenanceaction.testing.TestTls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RekorV2TransparencyLogTest {
  private static final TestTls TLS = TestTls.create();
  private static final TestSigner SIGNER = TestSigner.generate();
  private static final X509Certificate CERTIFICATE =
      SIGNER.leaf(
          EphemeralCertificateAuthority.create(
              URI.create("https://fulcio.example"), Clock.systemUTC()),
          TestSigner.RELEASE_CLAIMS);

  private final List<String> log = new ArrayList<>();
  private RekorV2Server server;

  @BeforeEach
  void start() {
    server = RekorV2Server.start(TLS);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RekorV2TransparencyLog client() {
    return RekorV2TransparencyLog.of(server.url(), TLS.client(log::add));
  }

  @Test
  void logsAHashedRekordOverThePaeAndReadsTheEntryAsRekorV2GivesIt() throws Exception {
    DsseEnvelope envelope = SIGNER.envelope("{\"_type\":\"https://in-toto.io/Statement/v1\"}");
    LogEntry entry = client().append(envelope, CERTIFICATE);

    assertEquals("hashedrekord", entry.kind());
    assertEquals("0.0.2", entry.version());
    assertEquals(0, entry.logIndex());
    assertNull(entry.signedEntryTimestamp());
    assertEquals(0, entry.integratedTime());
    assertEquals(1, entry.inclusionProof().treeSize());
    assertTrue(entry.inclusionProof().checkpoint().startsWith("localhost\n1\n"));
    JsonNode body = new ObjectMapper().readTree(entry.canonicalizedBody());
    byte[] paeDigest = Sha256.of(envelope.pae());
    assertArrayEquals(
        paeDigest,
        Base64.getDecoder().decode(body.at("/spec/hashedRekordV002/data/digest").asText()));
    assertArrayEquals(
        envelope.signature(),
        Base64.getDecoder().decode(body.at("/spec/hashedRekordV002/signature/content").asText()));
    assertEquals(1, server.requestCount());
  }

  @Test
  void retriesAfterServerErrorsThenSucceeds() throws Exception {
    server.failNext(2, 503);
    LogEntry entry = client().append(SIGNER.envelope("{}"), CERTIFICATE);
    assertEquals(0, entry.logIndex());
    assertEquals(3, server.requestCount());
    assertEquals(2, log.size(), log.toString());
  }

  @Test
  void aRefusedEntryFailsAtOnceNamingRekorV2AndTheStatus() {
    server.failNext(1, 400);
    SigstoreException failure =
        assertThrows(
            SigstoreException.class, () -> client().append(SIGNER.envelope("{}"), CERTIFICATE));
    assertEquals(RekorV2TransparencyLog.SERVICE, failure.service());
    assertTrue(failure.getMessage().contains("HTTP 400: injected failure"), failure.getMessage());
    assertEquals(1, server.requestCount());
    assertEquals(0, server.size());
  }

  @Test
  void aSignatureThatIsNotOverThePaeIsRefusedByTheLog() {
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    // Signed over the payload alone, as a blob: the log checks it against the PAE's digest.
    DsseEnvelope wrong =
        new DsseEnvelope(
            payload,
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
            Ecdsa.sign(SIGNER.keys().getPrivate(), payload));
    SigstoreException failure =
        assertThrows(SigstoreException.class, () -> client().append(wrong, CERTIFICATE));
    assertTrue(
        failure.getMessage().contains("the signature does not verify over the digest"),
        failure.getMessage());
    assertEquals(0, server.size());
  }
}
