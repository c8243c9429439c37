package dev.provenanceaction.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The writer against Jackson with ESCAPE_NON_ASCII, whose bytes the golden statements hold. */
class AsciiJsonWriterTest {
  private static final JsonFactory ASCII_JACKSON =
      JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  @Test
  void escapesEveryCharAsJacksonDoes() throws IOException {
    StringBuilder everyChar = new StringBuilder();
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      everyChar.append((char) c);
    }
    String text = everyChar.toString();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (JsonGenerator json = ASCII_JACKSON.createGenerator(expected)) {
      json.writeStartObject();
      json.writeStringField(text, text);
      json.writeEndObject();
    }

    // Room for one byte: every escape and every field must grow the buffer as it goes.
    byte[] actual =
        new AsciiJsonWriter(1).startObject().field(text, text).endObject().toByteArray();

    assertEquals(expected.toString(StandardCharsets.US_ASCII), ascii(actual));
  }

  @Test
  void separatesAndNestsAsJacksonDoes() throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (JsonGenerator json = ASCII_JACKSON.createGenerator(expected)) {
      json.writeStartObject();
      json.writeStringField("a", "");
      json.writeArrayFieldStart("empty");
      json.writeEndArray();
      json.writeArrayFieldStart("list");
      json.writeStartObject();
      json.writeEndObject();
      json.writeStartObject();
      json.writeObjectFieldStart("o");
      json.writeBooleanField("t", true);
      json.writeBooleanField("f", false);
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndArray();
      json.writeFieldName("raw");
      json.writeRawValue("{\"x\":[1,2]}");
      json.writeStringField("z", "end");
      json.writeEndObject();
    }

    byte[] actual =
        new AsciiJsonWriter(16)
            .startObject()
            .field("a", "")
            .startArray("empty")
            .endArray()
            .startArray("list")
            .startObject()
            .endObject()
            .startObject()
            .startObject("o")
            .field("t", true)
            .field("f", false)
            .endObject()
            .endObject()
            .endArray()
            .name("raw")
            .rawValue("{\"x\":[1,2]}".getBytes(StandardCharsets.US_ASCII))
            .field("z", "end")
            .endObject()
            .toByteArray();

    assertEquals(expected.toString(StandardCharsets.US_ASCII), ascii(actual));
  }

  private static String ascii(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
