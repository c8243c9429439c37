package dev.provenanceaction.sigstore.tsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.testing.Sha256;
import dev.provenanceaction.testing.TestTls;
import dev.provenanceaction.testing.TimestampAuthorityServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimestampAuthorityClientTest {
  private static final TestTls TLS = TestTls.create();
  private static final byte[] SIGNATURE = "a signature".getBytes(StandardCharsets.UTF_8);

  private final List<String> log = new ArrayList<>();
  private TimestampAuthorityServer server;

  @BeforeEach
  void start() {
    server = TimestampAuthorityServer.start(TLS, "test-tsa");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TimestampAuthorityClient client() {
    return TimestampAuthorityClient.of(server.url(), TLS.client(log::add));
  }

  @Test
  void theAnswerIsATimeStampRespOverTheSignaturesSha256WithTheSigningCertificate()
      throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    byte[] answer = client().timestamp(SIGNATURE);

    TimeStampToken token = new TimeStampResponse(answer).getTimeStampToken();
    assertArrayEquals(Sha256.of(SIGNATURE), token.getTimeStampInfo().getMessageImprintDigest());
    assertTrue(token.getTimeStampInfo().getNonce() != null, "a nonce was asked for");
    assertEquals(1, token.getCertificates().getMatches(null).size(), "the signer's certificate");
    Instant time = token.getTimeStampInfo().getGenTime().toInstant();
    assertTrue(time.isAfter(before) && time.isBefore(Instant.now().plus(Duration.ofSeconds(1))));
    assertEquals(1, server.issued());
  }

  @Test
  void theQueryIsTheDerThatBouncyCastlesGeneratorEncodes() throws Exception {
    client().timestamp(SIGNATURE);

    byte[] query = server.lastQuery();
    TimeStampRequest received = new TimeStampRequest(query);
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    byte[] expected =
        generator
            .generate(TSPAlgorithms.SHA256, Sha256.of(SIGNATURE), received.getNonce())
            .getEncoded();
    assertArrayEquals(expected, query);
    assertTrue(received.getNonce().signum() > 0, "a positive nonce");
  }

  @Test
  void retriesAfterServerErrorsThenSucceeds() throws Exception {
    server.failNext(2, 503);
    client().timestamp(SIGNATURE);
    assertEquals(3, server.requestCount());
    assertEquals(1, server.issued());
    assertEquals(2, log.size(), log.toString());
  }

  @Test
  void aRefusalFailsAtOnceNamingTheAuthority() {
    server.failNext(1, 400);
    SigstoreException failure =
        assertThrows(SigstoreException.class, () -> client().timestamp(SIGNATURE));
    assertTrue(failure.service().startsWith(TimestampAuthorityClient.SERVICE), failure.service());
    assertTrue(failure.getMessage().contains("HTTP 400"), failure.getMessage());
    assertEquals(1, server.requestCount());
  }
}
