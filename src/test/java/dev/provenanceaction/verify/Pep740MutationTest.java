package dev.provenanceaction.verify;

import static dev.provenanceaction.testing.RealPypiFiles.PUBLISH;
import static dev.provenanceaction.testing.RealPypiFiles.SAN;
import static dev.provenanceaction.testing.RealPypiFiles.SLSA;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real PEP 740 publish attestation changed in one place, in the file itself, fails the check
 * about that place, or is refused as a format error naming the field.
 */
class Pep740MutationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENTRY = "/verification_material/transparency_entries/0";

  private static final TrustedRoot ROOT =
      RealConformanceBundles.root(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT);

  /** A change to the attestation's JSON, and what the failure must say. */
  record Mutation(String name, String expected, Consumer<ObjectNode> apply) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Mutation> mutations() {
    return Stream.of(
        new Mutation(
            "flipped signature",
            "line 1: DSSE_SIGNATURE: ",
            a -> flipBase64(object(a, "/envelope"), "signature", -1)),
        new Mutation(
            "flipped statement",
            "line 1: DSSE_SIGNATURE: ",
            a -> flipBase64(object(a, "/envelope"), "statement", 40)),
        new Mutation(
            "flipped certificate",
            "line 1: CERTIFICATE_CHAIN: ",
            a -> flipBase64(object(a, "/verification_material"), "certificate", -1)),
        new Mutation(
            "flipped signed entry timestamp",
            "line 1: SET: ",
            a -> flipBase64(object(a, ENTRY + "/inclusionPromise"), "signedEntryTimestamp", -1)),
        new Mutation(
            "later integrated time",
            "line 1: SET: ",
            a -> object(a, ENTRY).put("integratedTime", "1733354042")),
        new Mutation(
            "other log index", "line 1: SET: ", a -> object(a, ENTRY).put("logIndex", "153454664")),
        new Mutation(
            "flipped canonicalized body",
            "line 1: SET: ",
            a -> flipBase64(object(a, ENTRY), "canonicalizedBody", 30)),
        new Mutation(
            "flipped inclusion-proof hash",
            "line 1: INCLUSION_PROOF: ",
            a -> {
              ArrayNode hashes = (ArrayNode) a.at(ENTRY + "/inclusionProof/hashes");
              byte[] hash = Base64.getDecoder().decode(hashes.get(0).asText());
              hash[3] ^= 1;
              hashes.set(0, Base64.getEncoder().encodeToString(hash));
            }),
        new Mutation(
            "changed checkpoint signature",
            "line 1: CHECKPOINT: ",
            a -> {
              ObjectNode checkpoint = object(a, ENTRY + "/inclusionProof/checkpoint");
              char[] note = checkpoint.get("envelope").asText().toCharArray();
              int index = note.length - 10;
              note[index] = note[index] == 'A' ? 'B' : 'A';
              checkpoint.put("envelope", new String(note));
            }),
        new Mutation(
            "transparency entry of the SLSA attestation",
            "line 1: LOG_BODY: ",
            a -> {
              JsonNode other = read(SLSA).at("/verification_material/transparency_entries");
              object(a, "/verification_material").set("transparency_entries", other);
            }),
        new Mutation(
            "version 2",
            "PROVENANCE_FORMAT: expected a PEP 740 attestation on line 1, found PEP 740"
                + " attestation: version is 2, expected 1 (the only PEP 740 version)",
            a -> a.put("version", 2)),
        new Mutation(
            "no version", "PEP 740 attestation: version is missing", a -> a.remove("version")),
        new Mutation(
            "no verification material",
            "PEP 740 attestation: verification_material is missing",
            a -> a.remove("verification_material")),
        new Mutation(
            "no certificate",
            "PEP 740 attestation: verification_material.certificate is missing",
            a -> object(a, "/verification_material").remove("certificate")),
        new Mutation(
            "certificate that is not DER",
            "PEP 740 attestation: verification_material.certificate is not an X.509 certificate",
            a -> object(a, "/verification_material").put("certificate", "AAAA")),
        new Mutation(
            "no transparency entry",
            "PEP 740 attestation: verification_material.transparency_entries holds 0 entries,"
                + " expected exactly one",
            a -> object(a, "/verification_material").putArray("transparency_entries")),
        new Mutation(
            "entry without its body",
            "PEP 740 attestation: verification_material.transparency_entries[0].canonicalizedBody"
                + " is missing",
            a -> object(a, ENTRY).remove("canonicalizedBody")),
        new Mutation(
            "no envelope", "PEP 740 attestation: envelope is missing", a -> a.remove("envelope")),
        new Mutation(
            "signature that is not base64",
            "PEP 740 attestation: envelope.signature is not base64",
            a -> object(a, "/envelope").put("signature", "not base64!")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void mutationFailsWithTheRightCheck(Mutation mutation) throws Exception {
    ObjectNode attestation = read(PUBLISH);
    mutation.apply().accept(attestation);

    Failure failure =
        ProvenanceVerification.failure(
            JSON.writeValueAsString(attestation), ROOT, Pep740VerifyTest.exactIdentity(SAN));

    assertTrue(failure.message().contains(mutation.expected()), failure.message());
  }

  static ObjectNode read(String name) {
    try {
      return (ObjectNode) JSON.readTree(Files.readString(Fixtures.path(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode object(ObjectNode root, String pointer) {
    return (ObjectNode) root.at(pointer);
  }

  /** Flips the lowest bit of one byte of a base64 field; a negative index counts from the end. */
  static void flipBase64(ObjectNode holder, String field, int index) {
    byte[] bytes = Base64.getDecoder().decode(holder.get(field).asText());
    int at = index < 0 ? bytes.length + index : index;
    bytes[at] ^= 1;
    holder.put(field, Base64.getEncoder().encodeToString(bytes));
  }
}
