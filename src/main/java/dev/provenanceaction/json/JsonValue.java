package dev.provenanceaction.json;

import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON document, navigated like Jackson's {@code JsonNode} (absent members are {@link
 * #MISSING}, never null) but read with jackson-core's streaming parser alone: Jackson's tree model
 * starts databind, which cost an ephemeral run about 60 ms of CPU. {@code toString()} is the value
 * as compact JSON, as Jackson writes it ({@code ""} when missing), for messages.
 */
public sealed interface JsonValue {
  /** What {@link #get} and {@link #at} give for a member or element that is not there. */
  JsonValue MISSING = new Missing();

  /** An object, its members in document order; a repeated name is refused when read. */
  record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    public JsonObject {
      members = Collections.unmodifiableMap(members);
    }

    @Override
    public String toString() {
      return JsonTrees.write(this);
    }
  }

  record JsonArray(List<JsonValue> elements) implements JsonValue {
    public JsonArray {
      elements = List.copyOf(elements);
    }

    @Override
    public String toString() {
      return JsonTrees.write(this);
    }
  }

  record JsonString(String value) implements JsonValue {
    @Override
    public String toString() {
      return JsonTrees.write(this);
    }
  }

  /**
   * @param value an Integer, Long or BigInteger for an integer, a Double otherwise
   */
  record JsonNumber(Number value) implements JsonValue {
    @Override
    public String toString() {
      return value instanceof Double d ? NumberOutput.toString(d.doubleValue()) : value.toString();
    }
  }

  record JsonBoolean(boolean value) implements JsonValue {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  record JsonNull() implements JsonValue {
    @Override
    public String toString() {
      return "null";
    }
  }

  /** No value: the member or element asked for does not exist. */
  record Missing() implements JsonValue {
    @Override
    public String toString() {
      return "";
    }
  }

  /**
   * Reads the first JSON value of a document; text after it is ignored. An empty document is {@link
   * #MISSING}.
   *
   * @throws IOException naming the syntax error or repeated key (jackson-core's {@code
   *     JsonParseException})
   */
  static JsonValue parse(byte[] json) throws IOException {
    return JsonTrees.read(JsonTrees.FACTORY.createParser(json));
  }

  static JsonValue parse(String json) throws IOException {
    return JsonTrees.read(JsonTrees.FACTORY.createParser(json));
  }

  static JsonValue parse(InputStream json) throws IOException {
    return JsonTrees.read(JsonTrees.FACTORY.createParser(json));
  }

  /**
   * A document of a text that holds several, and the 1-based line it starts on.
   *
   * @param line the line of its first token
   * @param value the document
   */
  record Document(int line, JsonValue value) {}

  /**
   * Reads every JSON document of a text, whatever whitespace separates them, each parsed once.
   *
   * @throws IOException naming the syntax error or repeated key
   */
  static List<Document> parseAll(String text) throws IOException {
    return JsonTrees.readAll(JsonTrees.FACTORY.createParser(text));
  }

  /** The member with this name, or {@link #MISSING} if there is none or this is no object. */
  default JsonValue get(String name) {
    return this instanceof JsonObject object
        ? object.members().getOrDefault(name, MISSING)
        : MISSING;
  }

  /** The element at this index, or {@link #MISSING} if there is none or this is no array. */
  default JsonValue get(int index) {
    return this instanceof JsonArray array && index >= 0 && index < array.elements().size()
        ? array.elements().get(index)
        : MISSING;
  }

  /** The value an RFC 6901 JSON pointer such as {@code /spec/signatures/0/sig} names. */
  default JsonValue at(String pointer) {
    JsonValue value = this;
    if (pointer.isEmpty()) {
      return value;
    }
    for (String token : pointer.substring(1).split("/", -1)) {
      String name = token.replace("~1", "/").replace("~0", "~");
      value =
          value instanceof JsonArray && name.matches("0|[1-9][0-9]{0,8}")
              ? value.get(Integer.parseInt(name))
              : value.get(name);
    }
    return value;
  }

  /** The elements of an array, the member values of an object, nothing for anything else. */
  default List<JsonValue> elements() {
    if (this instanceof JsonArray array) {
      return array.elements();
    }
    return this instanceof JsonObject object
        ? new ArrayList<>(object.members().values())
        : List.of();
  }

  /** How many elements or members; 0 for anything else. */
  default int size() {
    return elements().size();
  }

  default boolean isObject() {
    return this instanceof JsonObject;
  }

  default boolean isArray() {
    return this instanceof JsonArray;
  }

  default boolean isTextual() {
    return this instanceof JsonString;
  }

  default boolean isNull() {
    return this instanceof JsonNull;
  }

  default boolean isMissing() {
    return this instanceof Missing;
  }

  /** Whether this member exists and is not null. */
  default boolean hasNonNull(String name) {
    JsonValue value = get(name);
    return !value.isMissing() && !value.isNull();
  }

  /** A string's value; null for anything else. */
  default String textValue() {
    return this instanceof JsonString string ? string.value() : null;
  }

  /**
   * A string's value, or a number's or boolean's JSON text, {@code "null"} for null, and {@code ""}
   * for objects, arrays and missing values, as Jackson's {@code asText()}.
   */
  default String asText() {
    if (this instanceof JsonString string) {
      return string.value();
    }
    if (this instanceof JsonNumber || this instanceof JsonBoolean || this instanceof JsonNull) {
      return toString();
    }
    return "";
  }

  /** {@link #asText()}, or {@code defaultValue} for null and missing values. */
  default String asText(String defaultValue) {
    return isNull() || isMissing() ? defaultValue : asText();
  }

  /** A number's int value, a string parsed as one, 1 or 0 for a boolean, else the default. */
  default int asInt(int defaultValue) {
    if (this instanceof JsonNumber number) {
      return number.value().intValue();
    }
    if (this instanceof JsonBoolean bool) {
      return bool.value() ? 1 : 0;
    }
    return this instanceof JsonString string
        ? NumberInput.parseAsInt(string.value(), defaultValue)
        : defaultValue;
  }

  /** Whether this is a number without a fraction (written without a point or exponent). */
  default boolean isIntegralNumber() {
    return this instanceof JsonNumber number && !(number.value() instanceof Double);
  }

  /** Whether {@link #longValue()} holds this integer exactly. */
  default boolean canConvertToLong() {
    return this instanceof JsonNumber number
        && !(number.value() instanceof BigInteger big && big.bitLength() >= Long.SIZE)
        && !(number.value() instanceof Double d && (d < Long.MIN_VALUE || d > Long.MAX_VALUE));
  }

  /** A number's long value; 0 for anything else. */
  default long longValue() {
    return this instanceof JsonNumber number ? number.value().longValue() : 0;
  }
}
