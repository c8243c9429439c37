package dev.provenanceaction.sigstore.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.provenance.WorkflowClaims;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
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
 * Tokens as a broken or hostile runner could hand them out: the claims come back as a map that
 * either makes {@link WorkflowClaims} or is refused with {@link IllegalArgumentException}, and no
 * message ever quotes a part of the token.
 */
class JwtClaimsPropertiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CLAIMS =
      List.of(
          "iss",
          "sub",
          "repository",
          "repository_id",
          "repository_owner",
          "repository_owner_id",
          "repository_visibility",
          "ref",
          "ref_type",
          "sha",
          "workflow",
          "workflow_ref",
          "workflow_sha",
          "job_workflow_ref",
          "job_workflow_sha",
          "event_name",
          "run_id",
          "run_attempt",
          "run_number",
          "runner_environment",
          "actor",
          "actor_id",
          "base_ref",
          "head_ref");

  @Property(tries = 100_000, generation = GenerationMode.RANDOMIZED)
  void aTokenIsClaimsOrAnIllegalArgument(@ForAll("tokens") String token) {
    Map<String, String> claims;
    try {
      claims = JwtClaims.decode(token);
    } catch (IllegalArgumentException e) {
      Statistics.collect("not a token");
      assertQuotesNoPartOf(token, e.getMessage());
      return;
    }
    try {
      WorkflowClaims workflow = WorkflowClaims.from(claims);
      assertTrue(workflow.workflowRef().startsWith(workflow.repository() + "/"));
      assertFalse(workflow.workflowPath().contains("@" + workflow.ref()));
      Statistics.collect("workflow claims");
    } catch (IllegalArgumentException e) {
      Statistics.collect("claims refused");
    }
  }

  private static void assertQuotesNoPartOf(String token, String message) {
    for (String part : token.split("\\.")) {
      if (part.length() >= 8) {
        assertFalse(message.contains(part), "the message quotes the token: " + message);
      }
    }
  }

  @Provide
  Arbitrary<String> tokens() {
    Arbitrary<String> payload =
        Arbitraries.frequencyOf(
            Tuple.of(3, claimSets().map(JwtClaimsPropertiesTest::json)),
            Tuple.of(5, nearlyValidClaims().map(JwtClaimsPropertiesTest::json)),
            Tuple.of(
                1, Arbitraries.strings().withChars("{}[]\":,0123456789abc nul\\").ofMaxLength(40)),
            Tuple.of(1, Arbitraries.of("null", "[]", "42", "\"x\"", "{}", "{\"iss\":null}")));
    Arbitrary<String> wellFormed =
        Combinators.combine(
                Arbitraries.of(
                    "eyJhbGciOiJFUzI1NiJ9",
                    "eyJhbGciOiJFUzI1NiJ9",
                    "eyJhbGciOiJFUzI1NiJ9",
                    "e30",
                    ""),
                payload.map(JwtClaimsPropertiesTest::base64Url),
                Arbitraries.strings().withChars("A-Za-z0-9_-".toCharArray()).ofMaxLength(20),
                Arbitraries.frequency(
                    Tuple.of(12, ""), Tuple.of(1, "="), Tuple.of(1, "=="), Tuple.of(1, " \n")))
            .as((header, body, signature, pad) -> header + "." + body + pad + "." + signature);
    Arbitrary<String> hostile =
        Arbitraries.strings().withChars("AZaz09-_.=+/ \n%é").ofMaxLength(60);
    return Arbitraries.frequencyOf(Tuple.of(8, wellFormed), Tuple.of(2, hostile));
  }

  /** A real run's claims with up to two left out and up to two changed. */
  private static Arbitrary<Map<String, Object>> nearlyValidClaims() {
    Arbitrary<String> claim = Arbitraries.of(CLAIMS);
    Arbitrary<Object> value =
        Arbitraries.oneOf(
            Arbitraries.of("", "octo-org", "octo-org/octo-pkg/x@refs/tags/v1", "refs/tags/v1@"),
            Arbitraries.strings().withChars("ab/@.\u0000").ofMaxLength(8).map(v -> (Object) v),
            Arbitraries.of(7, false, List.of()));
    return Combinators.combine(
            claim.list().ofMaxSize(2), claim.list().ofMaxSize(2), value.list().ofSize(2))
        .as(
            (removed, changed, values) -> {
              Map<String, Object> claims = new LinkedHashMap<>();
              for (String name : CLAIMS) {
                claims.put(name, name.endsWith("_id") || name.startsWith("run_") ? "1" : "v");
              }
              claims.put("repository", "octo-org/octo-pkg");
              claims.put("ref", "refs/tags/v1");
              claims.put("workflow_ref", "octo-org/octo-pkg/.github/workflows/r.yml@refs/tags/v1");
              removed.forEach(claims::remove);
              for (int i = 0; i < changed.size(); i++) {
                claims.put(changed.get(i), values.get(i));
              }
              return claims;
            });
  }

  private static Arbitrary<Map<String, Object>> claimSets() {
    Arbitrary<Object> value =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of("octo-org/octo-pkg", "refs/tags/v1", "1", "public")),
            Tuple.of(
                3,
                Arbitraries.of(
                    "octo-org/octo-pkg/.github/workflows/r.yml@refs/tags/v1",
                    "octo-org/octo-pkg/.github/workflows/r.yml@refs/tags/v1@x",
                    "octo-org/octo-pkg/.github/workflows/@@",
                    "octo-org/octo-pkg/")),
            Tuple.of(2, Arbitraries.strings().withChars("ab/@.:\u0000é").ofMaxLength(12)),
            Tuple.of(1, Arbitraries.of(42, true, List.of("a"), Map.of("k", "v"), "")));
    return Arbitraries.subsetOf(CLAIMS)
        .flatMap(
            names ->
                value
                    .list()
                    .ofSize(names.size())
                    .map(
                        values -> {
                          Map<String, Object> claims = new LinkedHashMap<>();
                          int i = 0;
                          for (String name : names) {
                            claims.put(name, values.get(i++));
                          }
                          return claims;
                        }));
  }

  private static String json(Map<String, Object> claims) {
    try {
      return JSON.writeValueAsString(claims);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
