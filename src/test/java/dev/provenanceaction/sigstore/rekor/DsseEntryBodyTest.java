package dev.provenanceaction.sigstore.rekor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DsseEntryBodyTest {
  @Test
  void reproducesTheActionsAttestBodyByteForByte() throws Exception {
    JsonNode bundle = new ObjectMapper().readTree(Fixtures.bytes(Fixtures.ATTEST_BUNDLE));
    JsonNode envelopeJson = bundle.get("dsseEnvelope");
    String payload = envelopeJson.get("payload").asText();
    String sig = envelopeJson.get("signatures").get(0).get("sig").asText();
    DsseEnvelope envelope =
        new DsseEnvelope(
            Base64.getDecoder().decode(payload),
            envelopeJson.get("payloadType").asText(),
            Base64.getDecoder().decode(sig));
    X509Certificate leaf =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        Base64.getDecoder()
                            .decode(
                                bundle.at("/verificationMaterial/certificate/rawBytes").asText())));
    // sigstore-js submitted the envelope with an empty keyid after the signature; Rekor hashed
    // that string, so the fixture's envelopeHash is over it.
    String submittedBySigstoreJs =
        "{\"payload\":\""
            + payload
            + "\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\""
            + sig
            + "\",\"keyid\":\"\"}]}";

    byte[] body = DsseEntryBody.of(submittedBySigstoreJs, envelope, leaf).canonicalJson();

    String expected =
        new String(
            Base64.getDecoder()
                .decode(
                    bundle.at("/verificationMaterial/tlogEntries/0/canonicalizedBody").asText()),
            StandardCharsets.UTF_8);
    assertEquals(expected, new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void envelopeJsonIsCompactInFieldOrder() {
    DsseEnvelope envelope =
        new DsseEnvelope(
            "{}".getBytes(StandardCharsets.UTF_8),
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
            new byte[] {1, 2});
    assertEquals(
        "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\","
            + "\"signatures\":[{\"sig\":\"AQI=\"}]}",
        DsseEntryBody.envelopeJson(envelope));
  }
}
