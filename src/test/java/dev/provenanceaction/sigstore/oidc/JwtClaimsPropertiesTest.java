package dev.provenanceaction.sigstore.oidc;

import static dev.provenanceaction.testing.RandomInputs.weight;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.provenance.WorkflowClaims;
import dev.provenanceaction.testing.RandomInputs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tokens as a broken or hostile runner could hand them out: the claims come back as a map that
 * either makes {@link WorkflowClaims} or is refused with {@link IllegalArgumentException}, and no
 * message ever quotes a part of the token.
 */
class JwtClaimsPropertiesTest {
  private static final int INPUTS = 100_000;
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

  @Test
  void aTokenIsClaimsOrAnIllegalArgument() {
    RandomInputs.seeded()
        .check(
            "OIDC token",
            INPUTS,
            JwtClaimsPropertiesTest::token,
            token -> {
              Map<String, String> claims;
              try {
                claims = JwtClaims.decode(token);
              } catch (IllegalArgumentException e) {
                assertQuotesNoPartOf(token, e.getMessage());
                return "not a token";
              }
              try {
                WorkflowClaims workflow = WorkflowClaims.from(claims);
                assertTrue(workflow.workflowRef().startsWith(workflow.repository() + "/"));
                assertFalse(workflow.workflowPath().contains("@" + workflow.ref()));
                return "workflow claims";
              } catch (IllegalArgumentException e) {
                return "claims refused";
              }
            })
        .assertEachAtLeast(0.01, "not a token", "workflow claims", "claims refused");
  }

  private static void assertQuotesNoPartOf(String token, String message) {
    for (String part : token.split("\\.")) {
      if (part.length() >= 8) {
        assertFalse(message.contains(part), "the message quotes the token: " + message);
      }
    }
  }

  /** Mostly three parts around a payload of claims, some plain hostile text. */
  private static String token(RandomInputs random) {
    return random.weighted(weight(8, () -> wellFormed(random)), weight(2, () -> hostile(random)));
  }

  private static String wellFormed(RandomInputs random) {
    String header =
        random.oneOf(
            "eyJhbGciOiJFUzI1NiJ9", "eyJhbGciOiJFUzI1NiJ9", "eyJhbGciOiJFUzI1NiJ9", "e30", "");
    String body = base64Url(payload(random));
    // The characters themselves, not ranges: only these eight base64url characters.
    String signature = random.string("A-Za-z0-9_-", 0, 20);
    String pad =
        random.weighted(
            weight(12, () -> ""),
            weight(1, () -> "="),
            weight(1, () -> "=="),
            weight(1, () -> " \n"));
    return header + "." + body + pad + "." + signature;
  }

  private static String payload(RandomInputs random) {
    return random.weighted(
        weight(3, () -> json(claimSet(random))),
        weight(5, () -> json(nearlyValidClaims(random))),
        weight(1, () -> random.string("{}[]\":,0123456789abc nul\\", 0, 40)),
        weight(1, () -> random.oneOf("null", "[]", "42", "\"x\"", "{}", "{\"iss\":null}")));
  }

  private static String hostile(RandomInputs random) {
    return random.string("AZaz09-_.=+/ \n%é", 0, 60);
  }

  /** A real run's claims with up to two left out and up to two changed. */
  private static Map<String, Object> nearlyValidClaims(RandomInputs random) {
    List<String> removed = random.list(0, 2, () -> random.oneOf(CLAIMS));
    List<String> changed = random.list(0, 2, () -> random.oneOf(CLAIMS));
    List<Object> values = random.list(2, 2, () -> changedValue(random));
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
  }

  private static Object changedValue(RandomInputs random) {
    return random.weighted(
        weight(
            1,
            () ->
                random.oneOf("", "octo-org", "octo-org/octo-pkg/x@refs/tags/v1", "refs/tags/v1@")),
        weight(1, () -> random.string("ab/@.\u0000", 0, 8)),
        weight(1, () -> random.oneOf(7, false, List.of())));
  }

  /** Any subset of the claims, each with a plausible, odd or wrongly typed value. */
  private static Map<String, Object> claimSet(RandomInputs random) {
    Map<String, Object> claims = new LinkedHashMap<>();
    for (String name : random.subset(CLAIMS)) {
      claims.put(name, claimValue(random));
    }
    return claims;
  }

  private static Object claimValue(RandomInputs random) {
    return random.weighted(
        weight(6, () -> random.oneOf("octo-org/octo-pkg", "refs/tags/v1", "1", "public")),
        weight(
            3,
            () ->
                random.oneOf(
                    "octo-org/octo-pkg/.github/workflows/r.yml@refs/tags/v1",
                    "octo-org/octo-pkg/.github/workflows/r.yml@refs/tags/v1@x",
                    "octo-org/octo-pkg/.github/workflows/@@",
                    "octo-org/octo-pkg/")),
        weight(2, () -> random.string("ab/@.:\u0000é", 0, 12)),
        weight(1, () -> random.oneOf(42, true, List.of("a"), Map.of("k", "v"), "")));
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
