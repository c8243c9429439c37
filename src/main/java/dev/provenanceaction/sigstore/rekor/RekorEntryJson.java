package dev.provenanceaction.sigstore.rekor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.provenanceaction.json.JsonValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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

  private static final JsonFactory JSON = new JsonFactory();
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
   * @param envelope the envelope, which the request holds as a JSON string; the log hashes its
   *     exact text
   * @return UTF-8 JSON
   */
  static byte[] proposedDsseEntry(
      DsseEntryBody.EnvelopeJson envelope, X509Certificate certificate) {
    String verifier =
        Base64.getEncoder()
            .encodeToString(DsseEntryBody.pem(certificate).getBytes(StandardCharsets.US_ASCII));
    // The envelope is a JSON string here: its head and tail escaped, its base64 as it is.
    JsonStringEncoder escape = JsonStringEncoder.getInstance();
    byte[] head =
        ("{\"kind\":\""
                + DsseEntryBody.KIND
                + "\",\"apiVersion\":\""
                + DsseEntryBody.API_VERSION
                + "\",\"spec\":{\"proposedContent\":{\"envelope\":\""
                + new String(escape.quoteAsString(envelope.head())))
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail =
        (new String(escape.quoteAsString(envelope.tail()))
                + "\",\"verifiers\":[\""
                + verifier
                + "\"]}}}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] base64 = envelope.payloadBase64();
    byte[] request = new byte[head.length + base64.length + tail.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(base64, 0, request, head.length, base64.length);
    System.arraycopy(tail, 0, request, head.length + base64.length, tail.length);
    return request;
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
    JsonValue root = read(responseJson, "the answer is not JSON");
    if (!root.isObject() || root.size() != 1) {
      throw new IllegalArgumentException("the answer does not hold exactly one entry");
    }
    Map.Entry<String, JsonValue> only =
        ((JsonValue.JsonObject) root).members().entrySet().iterator().next();
    JsonValue entry = only.getValue();
    byte[] body = base64(required(entry, "body"), "body");
    JsonValue decodedBody;
    try {
      decodedBody = JsonValue.parse(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("the entry's body is not JSON");
    }
    JsonValue verification = required(entry, "verification");
    JsonValue proof = required(verification, "inclusionProof");
    List<byte[]> hashes = new ArrayList<>();
    for (JsonValue hash : required(proof, "hashes").elements()) {
      hashes.add(hex(hash, "inclusionProof.hashes"));
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
    InclusionProof proof = entry.inclusionProof();
    return write(
        json -> {
          json.writeStartObject();
          json.writeObjectFieldStart(uuid);
          json.writeStringField("body", base64.encodeToString(entry.canonicalizedBody()));
          json.writeNumberField("integratedTime", entry.integratedTime());
          json.writeStringField("logID", HEX.formatHex(entry.logId()));
          json.writeNumberField("logIndex", entry.logIndex());
          json.writeObjectFieldStart("verification");
          json.writeObjectFieldStart("inclusionProof");
          json.writeStringField("checkpoint", proof.checkpoint());
          json.writeArrayFieldStart("hashes");
          for (byte[] hash : proof.hashes()) {
            json.writeString(HEX.formatHex(hash));
          }
          json.writeEndArray();
          json.writeNumberField("logIndex", proof.logIndex());
          json.writeStringField("rootHash", HEX.formatHex(proof.rootHash()));
          json.writeNumberField("treeSize", proof.treeSize());
          json.writeEndObject();
          json.writeStringField(
              "signedEntryTimestamp", base64.encodeToString(entry.signedEntryTimestamp()));
          json.writeEndObject();
          json.writeEndObject();
          json.writeEndObject();
        });
  }

  /** The request body of an index search by a SHA-256 digest: {@code {"hash":"sha256:<hex>"}}. */
  public static String indexQuery(String sha256Hex) {
    return write(
        json -> {
          json.writeStartObject();
          json.writeStringField("hash", "sha256:" + sha256Hex);
          json.writeEndObject();
        });
  }

  /**
   * The UUIDs of an index search's answer, a JSON array of strings.
   *
   * @throws IllegalArgumentException if the answer is not one
   */
  public static List<String> parseUuids(String responseJson) {
    JsonValue root = read(responseJson, "the index answer is not JSON");
    if (root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("the index answer is not a list of UUIDs");
    }
    List<String> uuids = new ArrayList<>();
    for (JsonValue uuid : root.elements()) {
      if (!uuid.isTextual() || !uuid.asText().matches("[0-9a-fA-F]{64}|[0-9a-fA-F]{80}")) {
        throw new IllegalArgumentException("the index answer holds a bad UUID: " + uuid);
      }
      uuids.add(uuid.asText());
    }
    return uuids;
  }

  /** The {@code message} of Rekor's error answer {@code {"code":..,"message":..}}, if any. */
  public static String errorMessage(String responseJson) {
    try {
      JsonValue message = JsonValue.parse(responseJson).get("message");
      return message.isTextual() ? message.asText() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The hex {@code spec.envelopeHash.value} of a decoded {@code dsse} body, or null. */
  static String envelopeHash(byte[] canonicalizedBody) {
    try {
      JsonValue value = JsonValue.parse(canonicalizedBody).at("/spec/envelopeHash/value");
      return value.isTextual() ? value.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static JsonValue required(JsonValue node, String field) {
    JsonValue value = node.get(field);
    if (value.isMissing() || value.isNull()) {
      throw new IllegalArgumentException("the entry has no " + field);
    }
    return value;
  }

  private static String text(JsonValue node, String field) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("the entry's " + field + " is not a string");
    }
    return node.asText();
  }

  private static long number(JsonValue node, String field) {
    if (!node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new IllegalArgumentException("the entry's " + field + " is not an integer");
    }
    return node.longValue();
  }

  private static byte[] hex(JsonValue node, String field) {
    try {
      return HEX.parseHex(text(node, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the entry's " + field + " is not hex");
    }
  }

  private static byte[] base64(JsonValue node, String field) {
    try {
      return Base64.getDecoder().decode(text(node, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the entry's " + field + " is not base64");
    }
  }

  private static JsonValue read(String json, String notJson) {
    try {
      return JsonValue.parse(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(notJson);
    }
  }

  private interface Body {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      body.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toString();
  }
}
