package dev.provenanceaction.sigstore.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.sigstore.SigstoreFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Real bundles (the SLSA generator's v0.2 line and the attest action's v0.3 bundle) with one to
 * three of their fields deleted or replaced by a value of another type or shape, and text that is
 * not JSON at all: {@link SigstoreBundle#parse} returns a bundle that writes back, or throws {@link
 * BundleFormatException}, and nothing else.
 */
class SigstoreBundlePropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<JsonNode> ORIGINALS =
      List.of(
          read(SigstoreFixtures.text(SigstoreFixtures.SLSA_GENERATOR_JSONL).strip()),
          read(SigstoreFixtures.text(SigstoreFixtures.ATTEST_BUNDLE)));
  private static final List<List<String>> PATHS =
      List.of(fieldPaths(ORIGINALS.get(0)), fieldPaths(ORIGINALS.get(1)));

  /** One change at one field: which field (by index into the paths), and what it becomes. */
  record Mutation(int pathIndex, JsonNode replacement) {}

  @Property(tries = 100_000, generation = GenerationMode.RANDOMIZED)
  void bundleTextIsABundleOrABundleFormatError(@ForAll("bundleText") String text) {
    SigstoreBundle bundle;
    try {
      bundle = SigstoreBundle.parse(text);
    } catch (BundleFormatException e) {
      Statistics.collect("BundleFormatException");
      assertNotNull(e.getMessage());
      return;
    }
    Statistics.collect("bundle");
    String line = bundle.toJsonLine();
    try {
      assertEquals(line, SigstoreBundle.parse(line).toJsonLine(), "what it writes, it reads");
    } catch (BundleFormatException e) {
      throw new AssertionError("its own line does not read back: " + e.getMessage(), e);
    }
  }

  @Provide
  Arbitrary<String> bundleText() {
    Arbitrary<String> mutated =
        Combinators.combine(
                Arbitraries.integers().between(0, 1), mutation().list().ofMinSize(1).ofMaxSize(3))
            .as(SigstoreBundlePropertiesTest::apply);
    Arbitrary<String> truncated =
        Combinators.combine(
                Arbitraries.integers().between(0, 1), Arbitraries.doubles().between(0, 1))
            .as(
                (which, fraction) -> {
                  String text = ORIGINALS.get(which).toString();
                  return text.substring(0, (int) (text.length() * fraction));
                });
    Arbitrary<String> noise =
        Arbitraries.strings()
            .withChars("{}[]\":,0123456789.-eE truefalsn\\\u0000é")
            .ofMaxLength(60);
    return Arbitraries.frequencyOf(
        Tuple.of(16, mutated), Tuple.of(2, truncated), Tuple.of(1, noise));
  }

  private static Arbitrary<Mutation> mutation() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    Arbitrary<JsonNode> replacement =
        Arbitraries.of(
            (JsonNode) null,
            nodes.nullNode(),
            nodes.textNode(""),
            nodes.textNode("not base64!"),
            nodes.textNode("AAAA"),
            nodes.textNode("-1"),
            nodes.textNode("9223372036854775808"),
            nodes.textNode("application/vnd.dev.sigstore.bundle.v0.3+json"),
            nodes.numberNode(-1),
            nodes.numberNode(1.5),
            nodes.numberNode(Long.MAX_VALUE),
            nodes.booleanNode(true),
            nodes.arrayNode(),
            nodes.arrayNode().add(nodes.objectNode()),
            nodes.objectNode(),
            nodes.objectNode().put("rawBytes", "MIIB"));
    return Combinators.combine(Arbitraries.integers().between(0, 10_000), replacement)
        .as(Mutation::new);
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
