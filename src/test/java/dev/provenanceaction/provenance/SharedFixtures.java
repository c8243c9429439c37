package dev.provenanceaction.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** Reads the real bundles under the shared fixtures directory. */
final class SharedFixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  private SharedFixtures() {}

  /** {@code $SHARED_DIR/fixtures/<relative>}; surefire sets SHARED_DIR, IDEs may not. */
  static Path fixture(String relative) {
    String sharedDir = System.getenv("SHARED_DIR");
    Path shared = Path.of(sharedDir == null || sharedDir.isEmpty() ? "../shared" : sharedDir);
    return shared.resolve("fixtures").resolve(relative);
  }

  /** The DSSE payload bytes of a bundle file, or of the first bundle in a JSONL file. */
  static byte[] dssePayload(String relative) throws IOException {
    String bundle =
        relative.endsWith(".jsonl")
            ? Files.readAllLines(fixture(relative)).get(0)
            : Files.readString(fixture(relative));
    String payload = JSON.readTree(bundle).path("dsseEnvelope").path("payload").asText();
    return Base64.getDecoder().decode(payload);
  }

  static JsonNode parse(byte[] json) throws IOException {
    return JSON.readTree(json);
  }
}
