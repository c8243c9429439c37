package dev.provenanceaction.sigstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.provenanceaction.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A JSON object as protobuf's JSON mapping writes Sigstore's messages: int64 as strings (numbers
 * accepted), bytes as base64 (standard or URL-safe, padding optional), timestamps as RFC 3339. Each
 * value knows its path, so an error names the exact field, such as {@code
 * tlogs[0].publicKey.rawBytes}.
 */
public final class ProtoJson {
  private final JsonValue node;
  private final String document;
  private final String path;

  private ProtoJson(JsonValue node, String document, String path) {
    this.node = node;
    this.document = document;
    this.path = path;
  }

  /** Reads one JSON object; {@code what} names the document in error messages. */
  public static ProtoJson parse(InputStream json, String what) throws ProtoJsonException {
    try {
      return root(JsonValue.parse(json), what);
    } catch (JsonProcessingException e) {
      throw new ProtoJsonException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ProtoJsonException(what + " could not be read: " + e.getMessage(), e);
    }
  }

  /** Reads one JSON object; {@code what} names the document in error messages. */
  public static ProtoJson parse(String json, String what) throws ProtoJsonException {
    JsonValue node;
    try {
      node = JsonValue.parse(json);
    } catch (JsonProcessingException e) {
      throw new ProtoJsonException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("a string has nothing to fail but its syntax", e);
    }
    return root(node, what);
  }

  /**
   * A JSON object read already, so that a file of several documents is parsed once; {@code what}
   * names the document in error messages.
   */
  public static ProtoJson of(JsonValue node, String what) throws ProtoJsonException {
    return root(node, what);
  }

  private static ProtoJson root(JsonValue node, String what) throws ProtoJsonException {
    if (!node.isObject()) {
      throw new ProtoJsonException(what + " is not a JSON object");
    }
    return new ProtoJson(node, what, "");
  }

  public boolean has(String name) {
    return node.hasNonNull(name);
  }

  public ProtoJson object(String name) throws ProtoJsonException {
    return optionalObject(name).orElseThrow(() -> missing(name));
  }

  public Optional<ProtoJson> optionalObject(String name) throws ProtoJsonException {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonValue value = node.get(name);
    if (!value.isObject()) {
      throw invalid(name, "is not an object");
    }
    return Optional.of(new ProtoJson(value, document, path(name)));
  }

  /** The objects of an array field; empty when the field is absent, as protobuf omits them. */
  public List<ProtoJson> objects(String name) throws ProtoJsonException {
    JsonValue array = array(name);
    List<ProtoJson> objects = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonValue element = array.get(i);
      String elementPath = path(name) + "[" + i + "]";
      if (!element.isObject()) {
        throw error(elementPath, "is not an object");
      }
      objects.add(new ProtoJson(element, document, elementPath));
    }
    return objects;
  }

  /** The base64 strings of an array field, decoded; empty when the field is absent. */
  public List<byte[]> bytesList(String name) throws ProtoJsonException {
    JsonValue array = array(name);
    List<byte[]> values = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonValue element = array.get(i);
      String elementPath = path(name) + "[" + i + "]";
      if (!element.isTextual()) {
        throw error(elementPath, "is not a string");
      }
      values.add(decodeBase64(element.textValue(), elementPath));
    }
    return values;
  }

  public String string(String name) throws ProtoJsonException {
    return optionalString(name).orElseThrow(() -> missing(name));
  }

  public Optional<String> optionalString(String name) throws ProtoJsonException {
    if (!has(name)) {
      return Optional.empty();
    }
    JsonValue value = node.get(name);
    if (!value.isTextual()) {
      throw invalid(name, "is not a string");
    }
    return Optional.of(value.textValue());
  }

  /** A {@code bytes} field: base64, required and not empty. */
  public byte[] bytes(String name) throws ProtoJsonException {
    byte[] value = decodeBase64(string(name), path(name));
    if (value.length == 0) {
      throw invalid(name, "is empty");
    }
    return value;
  }

  /** An int64 field, a decimal string or a JSON number. */
  public long int64(String name) throws ProtoJsonException {
    if (!has(name)) {
      throw missing(name);
    }
    JsonValue value = node.get(name);
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isTextual()) {
      try {
        return Long.parseLong(value.textValue());
      } catch (NumberFormatException e) {
        throw invalid(name, "is not an integer: \"" + value.textValue() + "\"");
      }
    }
    throw invalid(name, "is not an integer");
  }

  /** A {@code google.protobuf.Timestamp} field in RFC 3339 form. */
  public Instant timestamp(String name) throws ProtoJsonException {
    String text = string(name);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(name, "is not an RFC 3339 time: \"" + text + "\"");
    }
  }

  private JsonValue array(String name) throws ProtoJsonException {
    if (!has(name)) {
      return new JsonValue.JsonArray(List.of());
    }
    JsonValue value = node.get(name);
    if (!value.isArray()) {
      throw invalid(name, "is not an array");
    }
    return value;
  }

  private byte[] decodeBase64(String text, String fieldPath) throws ProtoJsonException {
    try {
      return Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw error(fieldPath, "is not base64: " + e.getMessage());
    }
  }

  private String path(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private ProtoJsonException missing(String name) {
    return error(path(name), "is missing");
  }

  private ProtoJsonException invalid(String name, String problem) {
    return error(path(name), problem);
  }

  /** An error about one field of this object, such as a value outside the allowed set. */
  public ProtoJsonException fieldError(String name, String problem) {
    return invalid(name, problem);
  }

  private ProtoJsonException error(String fieldPath, String problem) {
    return new ProtoJsonException(document + ": " + fieldPath + " " + problem);
  }
}
