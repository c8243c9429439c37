package dev.provenanceaction.sigstore.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SigstoreBundleTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String slsaLine() {
    return Fixtures.text(Fixtures.SLSA_GENERATOR_JSONL).strip();
  }

  private static String attestJson() {
    return Fixtures.text(Fixtures.ATTEST_BUNDLE);
  }

  @Test
  void rewritesTheSlsaGeneratorLineAsItsCompactFormByteForByte() throws Exception {
    // Go's protojson puts a space after some commas at random; compacting removes just those.
    String compacted = MAPPER.readTree(slsaLine()).toString();

    assertEquals(
        compacted,
        new String(SigstoreBundle.parse(slsaLine()).toJsonLine(), StandardCharsets.UTF_8));
  }

  @Test
  void readsTheSlsaGeneratorEntry() throws Exception {
    LogEntry entry = SigstoreBundle.parse(slsaLine()).logEntry();

    assertEquals(174298180L, entry.logIndex());
    assertEquals(1740517937L, entry.integratedTime());
    assertEquals("dsse", entry.kind());
    assertEquals("0.0.1", entry.version());
    assertEquals(52393918L, entry.inclusionProof().logIndex());
    assertEquals(52393919L, entry.inclusionProof().treeSize());
    assertEquals(19, entry.inclusionProof().hashes().size());
    assertEquals(
        "rekor.sigstore.dev - 1193050959916656506\n52393919\n",
        entry.inclusionProof().checkpoint().substring(0, 50));
  }

  @Test
  void rewritesTheAttestBundleAsItsCompactForm() throws Exception {
    ObjectNode fixture = (ObjectNode) MAPPER.readTree(attestJson());
    // An empty message: protobuf JSON leaves it out.
    ((ObjectNode) fixture.get("verificationMaterial")).remove("timestampVerificationData");

    String line =
        new String(SigstoreBundle.parse(attestJson()).toJsonLine(), StandardCharsets.UTF_8);

    assertEquals(fixture, MAPPER.readTree(line));
    assertEquals(-1, line.indexOf('\n'));
  }

  @Test
  void readsTheLeafOfAV02CertificateChain() throws Exception {
    ObjectNode bundle = (ObjectNode) MAPPER.readTree(attestJson());
    bundle.put("mediaType", "application/vnd.dev.sigstore.bundle+json;version=0.2");
    ObjectNode material = (ObjectNode) bundle.get("verificationMaterial");
    ObjectNode leaf = (ObjectNode) material.remove("certificate");
    ArrayNode certificates = material.putObject("x509CertificateChain").putArray("certificates");
    certificates.add(leaf);
    certificates.addObject().put("rawBytes", "AAAA");

    SigstoreBundle parsed = SigstoreBundle.parse(bundle.toString());

    assertArrayEquals(
        SigstoreBundle.parse(attestJson()).certificate().getEncoded(),
        parsed.certificate().getEncoded());
  }

  @Test
  void keepsEnvelopeBytes() throws Exception {
    DsseEnvelope envelope = SigstoreBundle.parse(attestJson()).envelope();

    assertEquals(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, envelope.payloadType());
    assertTrue(
        new String(envelope.payload(), StandardCharsets.UTF_8)
            .startsWith("{\"_type\":\"https://in-toto.io/Statement/v1\","));
    assertNotNull(envelope.signature());
  }

  @Test
  void explainsABlobSignature() throws Exception {
    ObjectNode bundle = (ObjectNode) MAPPER.readTree(attestJson());
    bundle.set("messageSignature", bundle.remove("dsseEnvelope"));

    assertMessage(
        "Sigstore bundle: dsseEnvelope is missing: the bundle signs a blob (messageSignature),"
            + " not a statement",
        bundle);
  }

  @Test
  void explainsAPublicKeyBundle() throws Exception {
    ObjectNode bundle = (ObjectNode) MAPPER.readTree(attestJson());
    ObjectNode material = (ObjectNode) bundle.get("verificationMaterial");
    material.remove("certificate");
    material.putObject("publicKey").put("hint", "key");

    assertMessage(
        "Sigstore bundle: verificationMaterial.certificate is missing: the bundle names a public"
            + " key, not a Fulcio certificate",
        bundle);
  }

  @Test
  void namesAMissingLogIndex() throws Exception {
    ObjectNode bundle = (ObjectNode) MAPPER.readTree(attestJson());
    ((ObjectNode) bundle.at("/verificationMaterial/tlogEntries/0")).remove("logIndex");

    assertMessage(
        "Sigstore bundle: verificationMaterial.tlogEntries[0].logIndex is missing", bundle);
  }

  @Test
  void namesBadBase64() throws Exception {
    ObjectNode bundle = (ObjectNode) MAPPER.readTree(attestJson());
    ((ObjectNode) bundle.at("/verificationMaterial/tlogEntries/0/inclusionProof"))
        .withArray("hashes")
        .set(2, MAPPER.getNodeFactory().textNode("not base64!"));

    BundleFormatException error =
        assertThrows(BundleFormatException.class, () -> SigstoreBundle.parse(bundle.toString()));

    assertEquals(
        "Sigstore bundle: verificationMaterial.tlogEntries[0].inclusionProof.hashes[2] is not"
            + " base64",
        error.getMessage().substring(0, error.getMessage().indexOf(':', 20)));
  }

  @Test
  void refusesTwoSignatures() throws Exception {
    ObjectNode bundle = (ObjectNode) MAPPER.readTree(attestJson());
    ArrayNode signatures = (ArrayNode) bundle.at("/dsseEnvelope/signatures");
    signatures.add(signatures.get(0).deepCopy());

    assertMessage(
        "Sigstore bundle: dsseEnvelope.signatures holds 2 signatures, expected exactly one",
        bundle);
  }

  @Test
  void refusesAnUnknownMediaType() throws Exception {
    ObjectNode bundle = (ObjectNode) MAPPER.readTree(attestJson());
    bundle.put("mediaType", "application/json");

    assertMessage(
        "Sigstore bundle: mediaType is \"application/json\", not a bundle v0.1 to v0.3", bundle);
  }

  private static void assertMessage(String expected, ObjectNode bundle) {
    BundleFormatException error =
        assertThrows(BundleFormatException.class, () -> SigstoreBundle.parse(bundle.toString()));
    assertEquals(expected, error.getMessage());
  }
}
