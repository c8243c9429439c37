package dev.provenanceaction.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.testing.TestRekorV2Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.function.Consumer;

/** Copies of a bundle's JSON with one part changed, for real files that must fail one check. */
final class BundleJsonMutations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BundleJsonMutations() {}

  static String mutate(String json, Consumer<JsonNode> change) {
    JsonNode tree = read(json);
    change.accept(tree);
    return tree.toString();
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flips the last byte of a base64 field (inside the DER signature or certificate signature). */
  static void flipBase64(JsonNode json, String object, String field) {
    ObjectNode node = (ObjectNode) json.at(object);
    byte[] bytes = Base64.getDecoder().decode(node.get(field).asText());
    node.put(field, Base64.getEncoder().encodeToString(BundleMutations.flipLast(bytes)));
  }

  /** Flips a byte of one of the proof's audit-path hashes. */
  static void flipProofHash(JsonNode json, String proof, int hash) {
    ArrayNode hashes = (ArrayNode) json.at(proof).get("hashes");
    byte[] bytes = Base64.getDecoder().decode(hashes.get(hash).asText());
    hashes.set(hash, Base64.getEncoder().encodeToString(BundleMutations.flip(bytes, 7)));
  }

  /** Flips a byte of the timestamp response; a negative index counts from its end. */
  static void flipTimestamp(JsonNode json, int index) {
    ObjectNode timestamp =
        (ObjectNode) json.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0");
    byte[] bytes = Base64.getDecoder().decode(timestamp.get("signedTimestamp").asText());
    timestamp.put(
        "signedTimestamp",
        Base64.getEncoder()
            .encodeToString(BundleMutations.flip(bytes, index < 0 ? bytes.length + index : index)));
  }

  static void replaceInCheckpoint(JsonNode json, String from, String to) {
    ObjectNode checkpoint =
        (ObjectNode) json.at("/verificationMaterial/tlogEntries/0/inclusionProof/checkpoint");
    String note = checkpoint.get("envelope").asText();
    if (!note.contains(from)) {
      throw new AssertionError("the checkpoint holds no " + from + ": " + note);
    }
    checkpoint.put("envelope", note.replace(from, to));
  }

  /** Flips the last byte of the log's signature, the first line after the note's blank line. */
  static void flipCheckpointSignature(JsonNode json) {
    ObjectNode checkpoint =
        (ObjectNode) json.at("/verificationMaterial/tlogEntries/0/inclusionProof/checkpoint");
    String note = checkpoint.get("envelope").asText();
    int start = note.indexOf("\n\n") + 2;
    int end = note.indexOf('\n', start);
    String line = note.substring(start, end);
    int base64 = line.lastIndexOf(' ') + 1;
    byte[] signature = Base64.getDecoder().decode(line.substring(base64));
    String flipped =
        line.substring(0, base64)
            + Base64.getEncoder().encodeToString(BundleMutations.flipLast(signature));
    checkpoint.put("envelope", note.substring(0, start) + flipped + note.substring(end));
  }

  /** Keeps only the first of the bundle's RFC 3161 timestamps. */
  static void keepFirstTimestamp(JsonNode json) {
    ArrayNode timestamps =
        (ArrayNode) json.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps");
    while (timestamps.size() > 1) {
      timestamps.remove(timestamps.size() - 1);
    }
  }

  static void appendWitnessLine(JsonNode json, TestRekorV2Log.Witness witness) {
    ObjectNode checkpoint =
        (ObjectNode) json.at("/verificationMaterial/tlogEntries/0/inclusionProof/checkpoint");
    String note = checkpoint.get("envelope").asText();
    String text = note.substring(0, note.indexOf("\n\n") + 1);
    checkpoint.put(
        "envelope",
        note
            + TestRekorV2Log.signatureLine(
                witness.name(), witness.keyId(), witness.key().getPrivate(), text));
  }

  static void setEntries(JsonNode json, JsonNode entries) {
    ((ObjectNode) json.get("verificationMaterial")).set("tlogEntries", entries.deepCopy());
  }
}
