package dev.provenanceaction.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.provenanceaction.json.JsonValue.JsonArray;
import dev.provenanceaction.json.JsonValue.JsonBoolean;
import dev.provenanceaction.json.JsonValue.JsonNull;
import dev.provenanceaction.json.JsonValue.JsonNumber;
import dev.provenanceaction.json.JsonValue.JsonObject;
import dev.provenanceaction.json.JsonValue.JsonString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link JsonValue} trees from jackson-core's tokens, and writes them back. */
final class JsonTrees {
  // A repeated key could make this reader and another verifier see different documents.
  static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private JsonTrees() {}

  static JsonValue read(JsonParser parser) throws IOException {
    try (parser) {
      JsonToken token = parser.nextToken();
      return token == null ? JsonValue.MISSING : value(parser, token);
    }
  }

  static List<JsonValue.Document> readAll(JsonParser parser) throws IOException {
    List<JsonValue.Document> documents = new ArrayList<>();
    try (parser) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        int line = parser.currentTokenLocation().getLineNr();
        documents.add(new JsonValue.Document(line, value(parser, token)));
      }
    }
    return documents;
  }

  private static JsonValue value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        Map<String, JsonValue> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          members.put(name, value(parser, parser.nextToken()));
        }
        return new JsonObject(members);
      case START_ARRAY:
        List<JsonValue> elements = new ArrayList<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          elements.add(value(parser, next));
        }
        return new JsonArray(elements);
      case VALUE_STRING:
        return new JsonString(parser.getText());
      case VALUE_NUMBER_INT:
        return new JsonNumber(parser.getNumberValue());
      case VALUE_NUMBER_FLOAT:
        return new JsonNumber(parser.getDoubleValue());
      case VALUE_TRUE:
        return new JsonBoolean(true);
      case VALUE_FALSE:
        return new JsonBoolean(false);
      case VALUE_NULL:
        return new JsonNull();
      default:
        throw new JsonParseException(parser, "unexpected " + token);
    }
  }

  static String write(JsonValue value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator json, JsonValue value) throws IOException {
    if (value instanceof JsonObject object) {
      json.writeStartObject();
      for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
        json.writeFieldName(member.getKey());
        write(json, member.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof JsonArray array) {
      json.writeStartArray();
      for (JsonValue element : array.elements()) {
        write(json, element);
      }
      json.writeEndArray();
    } else if (value instanceof JsonString string) {
      json.writeString(string.value());
    } else if (value instanceof JsonNumber number) {
      writeNumber(json, number.value());
    } else if (value instanceof JsonBoolean bool) {
      json.writeBoolean(bool.value());
    } else if (value instanceof JsonNull) {
      json.writeNull();
    }
  }

  private static void writeNumber(JsonGenerator json, Number number) throws IOException {
    if (number instanceof Integer i) {
      json.writeNumber(i);
    } else if (number instanceof Long l) {
      json.writeNumber(l);
    } else if (number instanceof BigInteger big) {
      json.writeNumber(big);
    } else {
      json.writeNumber(number.doubleValue());
    }
  }
}
