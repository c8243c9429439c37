package dev.provenanceaction.sigstore.bundle;

import static dev.provenanceaction.testing.RandomInputs.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RandomInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real bundles (the SLSA generator's v0.2 line and the attest action's v0.3 bundle) with one to
 * three of their fields deleted or replaced by a value of another type or shape, and text that is
 * not JSON at all: {@link SigstoreBundle#parse} returns a bundle that writes back, or throws {@link
 * BundleFormatException}, and nothing else.
 */
class SigstoreBundlePropertiesTest {
  private static final int INPUTS = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<JsonNode> ORIGINALS =
      List.of(
          read(Fixtures.text(Fixtures.SLSA_GENERATOR_JSONL).strip()),
          read(Fixtures.text(Fixtures.ATTEST_BUNDLE)));
  private static final List<String> ORIGINAL_TEXTS =
      ORIGINALS.stream().map(JsonNode::toString).toList();
  private static final List<List<String>> PATHS =
      List.of(fieldPaths(ORIGINALS.get(0)), fieldPaths(ORIGINALS.get(1)));

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What a field becomes; null deletes it. Copied when applied, so shared here. */
  private static final List<JsonNode> REPLACEMENTS =
      Arrays.asList(
          null,
          NODES.nullNode(),
          NODES.textNode(""),
          NODES.textNode("not base64!"),
          NODES.textNode("AAAA"),
          NODES.textNode("-1"),
          NODES.textNode("9223372036854775808"),
          NODES.textNode("application/vnd.dev.sigstore.bundle.v0.3+json"),
          NODES.numberNode(-1),
          NODES.numberNode(1.5),
          NODES.numberNode(Long.MAX_VALUE),
          NODES.booleanNode(true),
          NODES.arrayNode(),
          NODES.arrayNode().add(NODES.objectNode()),
          NODES.objectNode(),
          NODES.objectNode().put("rawBytes", "MIIB"));

  /** One change at one field: which field (by index into the paths), and what it becomes. */
  record Mutation(int pathIndex, JsonNode replacement) {}

  @Test
  void bundleTextIsABundleOrABundleFormatError() {
    RandomInputs.seeded()
        .check(
            "bundle text",
            INPUTS,
            SigstoreBundlePropertiesTest::bundleText,
            text -> {
              SigstoreBundle bundle;
              try {
                bundle = SigstoreBundle.parse(text);
              } catch (BundleFormatException e) {
                assertNotNull(e.getMessage());
                return "BundleFormatException";
              }
              String line = new String(bundle.toJsonLine(), StandardCharsets.UTF_8);
              try {
                assertEquals(
                    line,
                    new String(SigstoreBundle.parse(line).toJsonLine(), StandardCharsets.UTF_8),
                    "what it writes, it reads");
              } catch (BundleFormatException e) {
                throw new AssertionError("its own line does not read back: " + e.getMessage(), e);
              }
              return "bundle";
            })
        .assertEachAtLeast(0.01, "bundle", "BundleFormatException");
  }

  /** Mostly a real bundle with one to three fields changed, some cut short, a few noise. */
  private static String bundleText(RandomInputs random) {
    return random.weighted(
        weight(16, () -> apply(random.between(0, 1), random.list(1, 3, () -> mutation(random)))),
        weight(2, () -> truncated(random)),
        weight(1, () -> random.string("{}[]\":,0123456789.-eE truefalsn\\\u0000é", 0, 60)));
  }

  private static String truncated(RandomInputs random) {
    String text = ORIGINAL_TEXTS.get(random.between(0, 1));
    return text.substring(0, (int) (text.length() * random.fraction()));
  }

  private static Mutation mutation(RandomInputs random) {
    return new Mutation(random.between(0, 10_000), random.oneOf(REPLACEMENTS));
  }

  /** Deletes (null replacement) or replaces the chosen fields of a copy of an original. */
  private static String apply(int which, List<Mutation> mutations) {
    JsonNode copy = ORIGINALS.get(which).deepCopy();
    List<String> paths = PATHS.get(which);
    for (Mutation mutation : mutations) {
      String path = paths.get(mutation.pathIndex() % paths.size());
      int slash = path.lastIndexOf('/');
      JsonNode parent = copy.at(path.substring(0, slash));
      String last = path.substring(slash + 1);
      if (parent instanceof ObjectNode object) {
        if (mutation.replacement() == null) {
          object.remove(last);
        } else {
          object.set(last, mutation.replacement().deepCopy());
        }
      } else if (parent instanceof ArrayNode array && last.matches("\\d{1,4}")) {
        // An earlier mutation may have turned an object on the path into an array.
        int index = Integer.parseInt(last);
        if (index < array.size()) {
          if (mutation.replacement() == null) {
            array.remove(index);
          } else {
            array.set(index, mutation.replacement().deepCopy());
          }
        }
      }
    }
    return copy.toString();
  }

  /** JSON pointers of every field and array element below the root. */
  private static List<String> fieldPaths(JsonNode root) {
    List<String> paths = new ArrayList<>();
    collect(root, "", paths);
    return List.copyOf(paths);
  }

  private static void collect(JsonNode node, String pointer, List<String> paths) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String child = pointer + "/" + field.getKey();
        paths.add(child);
        collect(field.getValue(), child, paths);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String child = pointer + "/" + i;
        paths.add(child);
        collect(node.get(i), child, paths);
      }
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
