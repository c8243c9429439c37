package dev.provenanceaction.sigstore.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealPypiFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PEP 740 model as pypi-attestations defines it, read from and written to real files. */
class Pep740AttestationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SLSA = RealPypiFiles.SLSA;
  private static final String PUBLISH = RealPypiFiles.PUBLISH;
  private static final String PROVENANCE = RealPypiFiles.PROVENANCE;

  private static String real(String name) {
    return Fixtures.text(name);
  }

  @Test
  void writesPypiAttestationsOwnFilesBackByteForByte() throws Exception {
    for (String name : List.of(SLSA, RealPypiFiles.GITLAB_PUBLISH)) {
      String file = real(name);

      assertEquals(file.strip(), Pep740Attestation.toJson(Pep740Attestation.parse(file)), name);
    }
  }

  @Test
  void readsTheFileAsPypiServesItWithItsKeysSorted() throws Exception {
    SigstoreBundle bundle = Pep740Attestation.parse(real(PUBLISH));

    assertEquals(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, bundle.envelope().payloadType());
    assertEquals(153454663L, bundle.logEntry().logIndex());
    assertEquals(31550401L, bundle.logEntry().inclusionProof().logIndex());
    assertEquals("dsse", bundle.logEntry().kind());
    assertEquals(1733354041L, bundle.logEntry().integratedTime());
    assertTrue(
        new String(bundle.envelope().payload(), StandardCharsets.UTF_8)
            .contains("\"predicateType\":\"https://docs.pypi.org/attestations/publish/v1\""));
    // The same content in the model's field order reads back to the same bundle.
    String rewritten = Pep740Attestation.toJson(bundle);
    assertEquals(MAPPER.readTree(real(PUBLISH)), MAPPER.readTree(rewritten));
    assertEquals(
        new String(bundle.toJsonLine(), StandardCharsets.UTF_8),
        new String(Pep740Attestation.parse(rewritten).toJsonLine(), StandardCharsets.UTF_8));
  }

  @Test
  void aBundleAndItsAttestationHoldTheSameParts() throws Exception {
    SigstoreBundle bundle = SigstoreBundle.parse(Fixtures.text(Fixtures.ATTEST_BUNDLE));

    SigstoreBundle back = Pep740Attestation.parse(Pep740Attestation.toJson(bundle));

    assertEquals(
        new String(bundle.toJsonLine(), StandardCharsets.UTF_8),
        new String(back.toJsonLine(), StandardCharsets.UTF_8));
  }

  @Test
  void timestampsGoIntoVerificationMaterialAndBack() throws Exception {
    SigstoreBundle bundle = Pep740Attestation.parse(real(PUBLISH));
    byte[] response = {0x30, 0x03, 0x02, 0x01, 0x00};
    SigstoreBundle stamped =
        new SigstoreBundle(
            bundle.certificate(), bundle.logEntry(), bundle.envelope(), List.of(response));

    String json = Pep740Attestation.toJson(stamped);

    assertEquals(
        "MAMCAQA=", MAPPER.readTree(json).at("/verification_material/timestamps/0").asText());
    assertArrayEquals(response, Pep740Attestation.parse(json).rfc3161Timestamps().get(0));
  }

  @Test
  void anEnvelopeOfAnotherPayloadTypeHasNoPep740Form() throws Exception {
    SigstoreBundle bundle = Pep740Attestation.parse(real(PUBLISH));
    DsseEnvelope envelope = bundle.envelope();
    SigstoreBundle other =
        new SigstoreBundle(
            bundle.certificate(),
            bundle.logEntry(),
            new DsseEnvelope(envelope.payload(), "text/plain", envelope.signature()));

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Pep740Attestation.toJson(other));

    assertEquals(
        "a PEP 740 attestation holds an in-toto statement, not text/plain", error.getMessage());
  }

  @Test
  void twoTransparencyEntriesAreRefusedRatherThanOneLeftUnchecked() throws Exception {
    ObjectNode attestation = (ObjectNode) MAPPER.readTree(real(PUBLISH));
    ArrayNode entries = (ArrayNode) attestation.at("/verification_material/transparency_entries");
    entries.add(entries.get(0).deepCopy());

    BundleFormatException error =
        assertThrows(
            BundleFormatException.class, () -> Pep740Attestation.parse(attestation.toString()));

    assertEquals(
        "PEP 740 attestation: verification_material.transparency_entries holds 2 entries,"
            + " expected exactly one",
        error.getMessage());
  }

  @Test
  void readsPypisProvenanceObject() throws Exception {
    Pep740Provenance provenance = Pep740Provenance.parse(JsonValue.parse(real(PROVENANCE)));

    assertEquals(1, provenance.attestationBundles().size());
    Pep740Provenance.AttestationBundle bundle = provenance.attestationBundles().get(0);
    assertEquals("GitHub", bundle.publisherKind());
    assertEquals(1, bundle.attestations().size());
    assertEquals(
        new String(Pep740Attestation.parse(real(PUBLISH)).toJsonLine(), StandardCharsets.UTF_8),
        new String(bundle.attestations().get(0).toJsonLine(), StandardCharsets.UTF_8));
  }

  @Test
  void provenanceErrorsNameThePathOfTheField() throws Exception {
    ObjectNode provenance = (ObjectNode) MAPPER.readTree(real(PROVENANCE));
    ((ObjectNode) provenance.at("/attestation_bundles/0/attestations/0/verification_material"))
        .remove("certificate");

    assertEquals(
        "PEP 740 provenance: attestation_bundles[0].attestations[0].verification_material"
            + ".certificate is missing",
        provenanceError(provenance));

    ObjectNode noKind = (ObjectNode) MAPPER.readTree(real(PROVENANCE));
    ((ObjectNode) noKind.at("/attestation_bundles/0/publisher")).remove("kind");
    assertEquals(
        "PEP 740 provenance: attestation_bundles[0].publisher.kind is missing",
        provenanceError(noKind));

    ObjectNode version = (ObjectNode) MAPPER.readTree(real(PROVENANCE));
    version.put("version", 2);
    assertEquals(
        "PEP 740 provenance: version is 2, expected 1 (the only PEP 740 version)",
        provenanceError(version));

    ObjectNode empty = (ObjectNode) MAPPER.readTree(real(PROVENANCE));
    empty.putArray("attestation_bundles");
    assertEquals(
        "PEP 740 provenance: attestation_bundles holds no attestation", provenanceError(empty));
  }

  @Test
  void aProvenanceObjectWithoutVersionIsVersionOne() throws Exception {
    ObjectNode provenance = (ObjectNode) MAPPER.readTree(real(PROVENANCE));
    provenance.remove("version");

    assertEquals(
        1,
        Pep740Provenance.parse(JsonValue.parse(provenance.toString())).attestationBundles().size());
  }

  private static String provenanceError(ObjectNode provenance) {
    return assertThrows(
            BundleFormatException.class,
            () -> Pep740Provenance.parse(JsonValue.parse(provenance.toString())))
        .getMessage();
  }
}
