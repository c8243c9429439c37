package dev.provenanceaction.sigstore.rekor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of Rekor's v1 entries API: the {@code dsse} entry this project proposes, and the {@code
 * {"<uuid>": {body, integratedTime, logID, logIndex, verification}}} it answers with. Shared by the
 * client and the loopback test server so both speak exactly one shape.
 */
public final class RekorEntryJson {
  public static final String ENTRIES_PATH = "/api/v1/log/entries";

  /** Rekor v1's index search: {@code POST {"hash":"sha256:<hex>"}} answers a list of UUIDs. */
  public static final String INDEX_PATH = "/api/v1/index/retrieve";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  /**
   * One entry as the log returns it.
   *
   * @param uuid the entry's id in the log (hex of its leaf hash, maybe prefixed by a tree id)
   * @param logEntry the entry
   */
  public record Entry(String uuid, LogEntry logEntry) {}

  private RekorEntryJson() {}

  /**
   * The request body of {@code POST /api/v1/log/entries}: {@code
   * {"kind":"dsse","apiVersion":"0.0.1","spec":{"proposedContent":{"envelope":..,"verifiers":[..]}}}}.
   *
   * @param envelopeJson the envelope as a JSON string; the log hashes this exact text
   */
  public static String proposedDsseEntry(String envelopeJson, X509Certificate certificate) {
    ObjectNode request = JSON.createObjectNode();
    request.put("kind", DsseEntryBody.KIND);
    request.put("apiVersion", DsseEntryBody.API_VERSION);
    ObjectNode proposed = request.putObject("spec").putObject("proposedContent");
    proposed.put("envelope", envelopeJson);
    proposed
        .putArray("verifiers")
        .add(
            Base64.getEncoder()
                .encodeToString(
                    DsseEntryBody.pem(certificate).getBytes(StandardCharsets.US_ASCII)));
    return write(request);
  }

  /** The UUID Rekor gives an entry: hex SHA-256 of the RFC 6962 leaf {@code 0x00 || body}. */
  public static String uuidOf(byte[] canonicalizedBody) {
    return HEX.formatHex(MerkleTree.leafHash(canonicalizedBody));
  }

  /**
   * Reads an entry answer holding exactly one entry.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static Entry parse(String responseJson) {
    JsonNode root;
    try {
      root = JSON.readTree(responseJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("the answer is not JSON");
    }
    if (root == null || !root.isObject() || root.size() != 1) {
      throw new IllegalArgumentException("the answer does not hold exactly one entry");
    }
    Map.Entry<String, JsonNode> only = root.fields().next();
    JsonNode entry = only.getValue();
    byte[] body = base64(required(entry, "body"), "body");
    JsonNode decodedBody;
    try {
      decodedBody = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the entry's body is not JSON");
    }
    JsonNode verification = required(entry, "verification");
    JsonNode proof = required(verification, "inclusionProof");
    List<byte[]> hashes = new ArrayList<>();
    for (Iterator<JsonNode> it = required(proof, "hashes").elements(); it.hasNext(); ) {
      hashes.add(hex(it.next(), "inclusionProof.hashes"));
    }
    InclusionProof inclusionProof =
        new InclusionProof(
            number(required(proof, "logIndex"), "inclusionProof.logIndex"),
            hex(required(proof, "rootHash"), "inclusionProof.rootHash"),
            number(required(proof, "treeSize"), "inclusionProof.treeSize"),
            hashes,
            text(required(proof, "checkpoint"), "inclusionProof.checkpoint"));
    LogEntry logEntry =
        new LogEntry(
            number(required(entry, "logIndex"), "logIndex"),
            hex(required(entry, "logID"), "logID"),
            text(required(decodedBody, "kind"), "body.kind"),
            text(required(decodedBody, "apiVersion"), "body.apiVersion"),
            number(required(entry, "integratedTime"), "integratedTime"),
            base64(required(verification, "signedEntryTimestamp"), "signedEntryTimestamp"),
            inclusionProof,
            body);
    return new Entry(only.getKey(), logEntry);
  }

  /** The answer for one entry, as Rekor writes it. */
  public static String render(String uuid, LogEntry entry) {
    Base64.Encoder base64 = Base64.getEncoder();
    ObjectNode root = JSON.createObjectNode();
    ObjectNode node = root.putObject(uuid);
    node.put("body", base64.encodeToString(entry.canonicalizedBody()));
    node.put("integratedTime", entry.integratedTime());
    node.put("logID", HEX.formatHex(entry.logId()));
    node.put("logIndex", entry.logIndex());
    ObjectNode verification = node.putObject("verification");
    InclusionProof proof = entry.inclusionProof();
    ObjectNode proofNode = verification.putObject("inclusionProof");
    proofNode.put("checkpoint", proof.checkpoint());
    ArrayNode hashes = proofNode.putArray("hashes");
    proof.hashes().forEach(hash -> hashes.add(HEX.formatHex(hash)));
    proofNode.put("logIndex", proof.logIndex());
    proofNode.put("rootHash", HEX.formatHex(proof.rootHash()));
    proofNode.put("treeSize", proof.treeSize());
    verification.put("signedEntryTimestamp", base64.encodeToString(entry.signedEntryTimestamp()));
    return write(root);
  }

  /** The request body of an index search by a SHA-256 digest: {@code {"hash":"sha256:<hex>"}}. */
  public static String indexQuery(String sha256Hex) {
    ObjectNode query = JSON.createObjectNode();
    query.put("hash", "sha256:" + sha256Hex);
    return write(query);
  }

  /**
   * The hex SHA-256 digest an index search asks for, from {@code {"hash":"sha256:<hex>"}} or a bare
   * hex digest as Rekor also accepts.
   *
   * @throws IllegalArgumentException if the query holds no SHA-256 hash
   */
  public static String indexQueryHash(String queryJson) {
    JsonNode hash;
    try {
      hash = JSON.readTree(queryJson).get("hash");
    } catch (IOException e) {
      throw new IllegalArgumentException("the query is not JSON");
    }
    if (hash == null || !hash.isTextual()) {
      throw new IllegalArgumentException("the query has no hash");
    }
    String value = hash.asText();
    String hex = value.startsWith("sha256:") ? value.substring("sha256:".length()) : value;
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("the hash is not sha256:<64 hex digits>: " + value);
    }
    return hex.toLowerCase(Locale.ROOT);
  }

  /**
   * The UUIDs of an index search's answer, a JSON array of strings.
   *
   * @throws IllegalArgumentException if the answer is not one
   */
  public static List<String> parseUuids(String responseJson) {
    JsonNode root;
    try {
      root = JSON.readTree(responseJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("the index answer is not JSON");
    }
    if (root == null || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("the index answer is not a list of UUIDs");
    }
    List<String> uuids = new ArrayList<>();
    for (JsonNode uuid : root) {
      if (!uuid.isTextual() || !uuid.asText().matches("[0-9a-fA-F]{64}|[0-9a-fA-F]{80}")) {
        throw new IllegalArgumentException("the index answer holds a bad UUID: " + uuid);
      }
      uuids.add(uuid.asText());
    }
    return uuids;
  }

  /** An index search's answer: the UUIDs as a JSON array. */
  public static String renderUuids(List<String> uuids) {
    ArrayNode array = JSON.createArrayNode();
    uuids.forEach(array::add);
    return write(array);
  }

  /** The {@code message} of Rekor's error answer {@code {"code":..,"message":..}}, if any. */
  public static String errorMessage(String responseJson) {
    try {
      JsonNode message = JSON.readTree(responseJson).get("message");
      return message != null && message.isTextual() ? message.asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The hex {@code spec.envelopeHash.value} of a decoded {@code dsse} body, or null. */
  static String envelopeHash(byte[] canonicalizedBody) {
    try {
      JsonNode value =
          JSON.readTree(canonicalizedBody).path("spec").path("envelopeHash").get("value");
      return value != null && value.isTextual() ? value.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("the entry has no " + field);
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("the entry's " + field + " is not a string");
    }
    return node.asText();
  }

  private static long number(JsonNode node, String field) {
    if (!node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new IllegalArgumentException("the entry's " + field + " is not an integer");
    }
    return node.asLong();
  }

  private static byte[] hex(JsonNode node, String field) {
    try {
      return HEX.parseHex(text(node, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the entry's " + field + " is not hex");
    }
  }

  private static byte[] base64(JsonNode node, String field) {
    try {
      return Base64.getDecoder().decode(text(node, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the entry's " + field + " is not base64");
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }
}
