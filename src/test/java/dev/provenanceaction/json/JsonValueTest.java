package dev.provenanceaction.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JsonValue replaces Jackson's tree model: it must read, navigate and print like it. */
class JsonValueTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final List<String> DOCUMENTS =
      List.of(
          "{\"spec\":{\"signatures\":[{\"sig\":\"YWJj\",\"publicKey\":\"x\"}],\"n\":null}}",
          "{\"a\":1,\"b\":-2147483649,\"c\":123456789012345678901234567890,\"d\":1.5,\"e\":1e3,"
              + "\"f\":-0.0,\"g\":true,\"h\":false,\"i\":\"\\u00e9\\u20ac\\ud83d\\ude00\\n\\\"/\"}",
          "[1,[2,[3,{\"~a/b\":\"tilde slash\"}]],{}]",
          "\"just a string\"",
          "42",
          "null",
          "{\"a\":{\"b\":[]}} trailing text",
          "  ",
          "{\"0\":\"zero\",\"01\":\"leading zero\",\"\":\"empty name\"}");

  private static final List<String> POINTERS =
      List.of(
          "",
          "/spec",
          "/spec/signatures/0/sig",
          "/spec/signatures/1",
          "/spec/signatures/00",
          "/spec/n",
          "/a",
          "/c",
          "/d",
          "/i",
          "/dup",
          "/1/1/1/~0a~1b",
          "/0",
          "/01",
          "/",
          "/nothing/below");

  @Test
  void aRepeatedKeyIsRefusedAtAnyDepth() {
    for (String document :
        List.of("{\"dup\":1,\"other\":2,\"dup\":\"last\"}", "[{\"a\":{\"b\":1,\"b\":1}}]")) {
      IOException e = assertThrows(IOException.class, () -> JsonValue.parse(document), document);
      assertTrue(e.getMessage().startsWith("Duplicate field '"), e.getMessage());
    }
  }

  @Test
  void readsNavigatesAndPrintsLikeJacksonsTree() throws IOException {
    for (String document : DOCUMENTS) {
      JsonNode expected = MAPPER.readTree(document);
      JsonValue actual = JsonValue.parse(document);
      assertSame(expected, actual, document);
      for (String pointer : POINTERS) {
        assertSame(expected.at(pointer), actual.at(pointer), document + " at " + pointer);
      }
      assertEquals(expected.path("dup").asInt(7), actual.get("dup").asInt(7), document + " asInt");
      assertEquals(
          expected.path("i").asText("default"),
          actual.get("i").asText("default"),
          document + " asText(default)");
    }
  }

  @Test
  void parsesBytesAndStreamsAlike() throws IOException {
    String document = DOCUMENTS.get(1);
    byte[] bytes = document.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(JsonValue.parse(document), JsonValue.parse(bytes));
    assertEquals(
        JsonValue.parse(document), JsonValue.parse(new java.io.ByteArrayInputStream(bytes)));
  }

  @Test
  void syntaxErrorsReadAsJacksonsDo() {
    for (String bad : List.of("{\"a\":", "{\"a\" 1}", "[1,]", "{'a':1}", "tru")) {
      JsonProcessingException expected =
          assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(bad));
      JsonProcessingException actual =
          assertThrows(JsonProcessingException.class, () -> JsonValue.parse(bad));
      assertEquals(expected.getOriginalMessage(), actual.getOriginalMessage(), bad);
    }
  }

  private static void assertSame(JsonNode expected, JsonValue actual, String what) {
    String missing = expected == null || expected.isMissingNode() ? "" : expected.toString();
    assertEquals(missing, actual.toString(), what + ": toString");
    if (expected == null || expected.isMissingNode()) {
      assertTrue(actual.isMissing(), what);
      return;
    }
    assertEquals(expected.isObject(), actual.isObject(), what + ": isObject");
    assertEquals(expected.isArray(), actual.isArray(), what + ": isArray");
    assertEquals(expected.isTextual(), actual.isTextual(), what + ": isTextual");
    assertEquals(expected.isNull(), actual.isNull(), what + ": isNull");
    assertEquals(expected.textValue(), actual.textValue(), what + ": textValue");
    assertEquals(expected.asText(), actual.asText(), what + ": asText");
    assertEquals(expected.size(), actual.size(), what + ": size");
    assertEquals(expected.isIntegralNumber(), actual.isIntegralNumber(), what + ": integral");
    assertEquals(expected.canConvertToLong(), actual.canConvertToLong(), what + ": long");
    if (expected.canConvertToLong()) {
      assertEquals(expected.longValue(), actual.longValue(), what + ": longValue");
    }
    assertEquals(expected.asInt(-1), actual.asInt(-1), what + ": asInt");
    List<String> expectedElements = new ArrayList<>();
    for (Iterator<JsonNode> it = expected.elements(); it.hasNext(); ) {
      expectedElements.add(it.next().toString());
    }
    assertEquals(
        expectedElements,
        actual.elements().stream().map(JsonValue::toString).toList(),
        what + ": elements");
    assertEquals(expected.hasNonNull("a"), actual.hasNonNull("a"), what + ": hasNonNull");
  }
}
