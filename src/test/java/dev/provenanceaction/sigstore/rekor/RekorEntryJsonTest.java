package dev.provenanceaction.sigstore.rekor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.testing.TestTls;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RekorEntryJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final byte[] BODY =
      "{\"apiVersion\":\"0.0.1\",\"kind\":\"dsse\",\"spec\":{}}".getBytes(StandardCharsets.UTF_8);

  private static LogEntry entry() {
    return new LogEntry(
        123456789L,
        new byte[] {1, 2, 3, (byte) 0xff},
        "dsse",
        "0.0.1",
        1700000000L,
        new byte[] {9, 8, 7},
        new InclusionProof(
            42L,
            new byte[] {0x0a, 0x0b},
            100L,
            List.of(new byte[] {1}, new byte[] {2, 3}),
            "rekor.example - 1\n100\nq80=\n\n— rekor.example abcd\n"),
        BODY);
  }

  @Test
  void renderedAnswerParsesBackToTheSameEntry() throws Exception {
    String rendered = RekorEntryJson.render("abc123", entry());
    JsonNode node = JSON.readTree(rendered).get("abc123");
    assertEquals("010203ff", node.get("logID").asText());
    assertEquals(123456789L, node.get("logIndex").asLong());
    assertEquals("0a0b", node.at("/verification/inclusionProof/rootHash").asText());
    assertEquals("0203", node.at("/verification/inclusionProof/hashes/1").asText());

    RekorEntryJson.Entry parsed = RekorEntryJson.parse(rendered);
    assertEquals("abc123", parsed.uuid());
    LogEntry logEntry = parsed.logEntry();
    assertEquals(123456789L, logEntry.logIndex());
    assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xff}, logEntry.logId());
    assertEquals("dsse", logEntry.kind());
    assertEquals("0.0.1", logEntry.version());
    assertEquals(1700000000L, logEntry.integratedTime());
    assertArrayEquals(new byte[] {9, 8, 7}, logEntry.signedEntryTimestamp());
    assertArrayEquals(BODY, logEntry.canonicalizedBody());
    assertEquals(42L, logEntry.inclusionProof().logIndex());
    assertEquals(100L, logEntry.inclusionProof().treeSize());
    assertArrayEquals(new byte[] {2, 3}, logEntry.inclusionProof().hashes().get(1));
    assertEquals(entry().inclusionProof().checkpoint(), logEntry.inclusionProof().checkpoint());
  }

  @Test
  void refusesAnswersWithoutAnInclusionProofOrWithSeveralEntries() throws Exception {
    JsonNode node = JSON.readTree(RekorEntryJson.render("abc", entry()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("abc").get("verification"))
        .remove("inclusionProof");
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> RekorEntryJson.parse(node.toString()));
    assertEquals("the entry has no inclusionProof", missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RekorEntryJson.parse("{}"));
    assertThrows(IllegalArgumentException.class, () -> RekorEntryJson.parse("not json"));
  }

  @Test
  void proposesADsseEntryWithTheEnvelopeAsAStringAndThePemAsVerifier() throws Exception {
    X509Certificate certificate = TestTls.create().caCertificate();
    // A payload type that JSON escapes, and a payload with every base64 character.
    byte[] payload = new byte[300];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 7);
    }
    DsseEnvelope envelope =
        new DsseEnvelope(payload, "application/\"odd\"\\type\u00e9\n", new byte[] {1, 2, 3});
    DsseEntryBody.EnvelopeJson envelopeJson = DsseEntryBody.EnvelopeJson.of(envelope);

    JsonNode request = JSON.readTree(RekorEntryJson.proposedDsseEntry(envelopeJson, certificate));

    assertEquals("dsse", request.get("kind").asText());
    assertEquals("0.0.1", request.get("apiVersion").asText());
    String submitted = request.at("/spec/proposedContent/envelope").asText();
    assertEquals(DsseEntryBody.envelopeJson(envelope), submitted);
    JsonNode parsed = JSON.readTree(submitted);
    assertEquals(envelope.payloadType(), parsed.get("payloadType").asText());
    assertArrayEquals(payload, Base64.getDecoder().decode(parsed.get("payload").asText()));
    assertEquals(
        DsseEntryBody.of(submitted, envelope, certificate),
        DsseEntryBody.of(envelopeJson, envelope, certificate),
        "the entry's envelope hash, from the parts or from the submitted text");
    String verifierPem =
        new String(
            Base64.getDecoder().decode(request.at("/spec/proposedContent/verifiers/0").asText()),
            StandardCharsets.US_ASCII);
    assertEquals(DsseEntryBody.pem(certificate), verifierPem);
  }

  @Test
  void uuidIsTheLeafHash() {
    assertEquals(
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        RekorEntryJson.uuidOf(new byte[0]));
  }
}
