package dev.provenanceaction.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.fulcio.EphemeralCertificateAuthority;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Rekor v2 and timestamp authority doubles take the requests sigstore-js sends (a {@code
 * dsseRequestV002}; timestamp-authority's JSON form), so {@code scripts/bench-sign} can run it
 * against them, and check them as the real services do.
 */
class SigstoreJsRequestsTest {
  private static final TestTls TLS = TestTls.create();
  private static final KeyPair KEYS = Ecdsa.generateP256();
  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static X509Certificate certificate;
  private final HttpClient client =
      HttpClient.newBuilder().sslContext(TLS.clientTrust().sslContext()).build();

  @BeforeAll
  static void issueCertificate() throws SigstoreException {
    OidcToken token =
        new OidcToken(
            "unused",
            Map.of("iss", "https://issuer.example", "sub", "octo", "email", "octo@example.com"));
    certificate =
        EphemeralCertificateAuthority.create(
                URI.create("https://fulcio.example"), Clock.systemUTC())
            .issue(
                token,
                KEYS.getPublic(),
                Ecdsa.sign(KEYS.getPrivate(), "octo".getBytes(StandardCharsets.UTF_8)))
            .get(0);
  }

  private HttpResponse<byte[]> post(URI url, String type, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(url)
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String dsseRequest(byte[] payload, byte[] signature) throws Exception {
    return JSON.writeValueAsString(
        Map.of(
            "dsseRequestV002",
            Map.of(
                "envelope",
                Map.of(
                    "payload",
                    BASE64.encodeToString(payload),
                    "payloadType",
                    DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
                    "signatures",
                    new Object[] {Map.of("sig", BASE64.encodeToString(signature), "keyid", "")}),
                "verifiers",
                new Object[] {
                  Map.of(
                      "keyDetails",
                      Ecdsa.P256_KEY_DETAILS,
                      "x509Certificate",
                      Map.of("rawBytes", BASE64.encodeToString(certificate.getEncoded())))
                })));
  }

  @Test
  void rekorV2LogsADsseRequestAsADsseBodyAndRefusesAForeignSignature() throws Exception {
    try (RekorV2Server rekor = RekorV2Server.start(TLS)) {
      URI entries = URI.create(rekor.url() + "/api/v2/log/entries");
      byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes();
      byte[] pae = DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload);

      HttpResponse<byte[]> foreign =
          post(
              entries,
              "application/json",
              dsseRequest(payload, Ecdsa.sign(Ecdsa.generateP256().getPrivate(), pae)));
      assertEquals(400, foreign.statusCode());
      assertEquals(0, rekor.size());

      byte[] signature = Ecdsa.sign(KEYS.getPrivate(), pae);
      HttpResponse<byte[]> logged =
          post(entries, "application/json", dsseRequest(payload, signature));
      assertEquals(201, logged.statusCode(), new String(logged.body()));
      assertEquals(1, rekor.size());
      JsonNode entry = JSON.readTree(logged.body());
      assertEquals("dsse", entry.at("/kindVersion/kind").asText());
      assertEquals("0.0.2", entry.at("/kindVersion/version").asText());
      assertNull(entry.get("inclusionPromise"));
      JsonNode body =
          JSON.readTree(Base64.getDecoder().decode(entry.get("canonicalizedBody").asText()));
      assertEquals("dsse", body.get("kind").asText());
      JsonNode spec = body.at("/spec/dsseV002");
      assertArrayEquals(
          Sha256.of(payload), Base64.getDecoder().decode(spec.at("/payloadHash/digest").asText()));
      assertArrayEquals(
          signature, Base64.getDecoder().decode(spec.at("/signatures/0/content").asText()));
    }
  }

  @Test
  void theTimestampAuthorityAnswersTheJsonFormWithATokenOverTheHash() throws Exception {
    try (TimestampAuthorityServer tsa = TimestampAuthorityServer.start(TLS, "loopback-tsa")) {
      byte[] hash = Sha256.of("signature".getBytes());
      String request =
          JSON.writeValueAsString(
              Map.of("artifactHash", BASE64.encodeToString(hash), "hashAlgorithm", "sha256"));

      HttpResponse<byte[]> reply = post(tsa.url(), "application/json", request);
      assertEquals(200, reply.statusCode(), new String(reply.body()));
      TimeStampToken token = new TimeStampResponse(reply.body()).getTimeStampToken();
      assertArrayEquals(hash, token.getTimeStampInfo().getMessageImprintDigest());
      assertTrue(token.getCertificates().getMatches(null).isEmpty(), "no certificates unasked");
      assertEquals(1, tsa.issued());

      String sha1 = request.replace("sha256", "sha1");
      assertEquals(400, post(tsa.url(), "application/json", sha1).statusCode());
      assertEquals(1, tsa.issued());
    }
  }
}
