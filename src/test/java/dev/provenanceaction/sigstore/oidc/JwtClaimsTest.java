package dev.provenanceaction.sigstore.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtClaimsTest {
  private static String part(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String jwt(String payloadJson) {
    return part("{\"alg\":\"ES256\"}") + "." + part(payloadJson) + ".c2lnbmF0dXJl";
  }

  @Test
  void decodesStringsNumbersBooleansAndNested() {
    Map<String, String> claims =
        JwtClaims.decode(
            jwt(
                "{\"sub\":\"repo:o/r:ref:refs/tags/v1\",\"run_id\":123,\"exp\":1700000000,"
                    + "\"ok\":true,\"aud\":[\"a\",\"b\"],\"gone\":null,\"s\":\"é\"}"));
    assertEquals("repo:o/r:ref:refs/tags/v1", claims.get("sub"));
    assertEquals("123", claims.get("run_id"));
    assertEquals("1700000000", claims.get("exp"));
    assertEquals("true", claims.get("ok"));
    assertEquals("[\"a\",\"b\"]", claims.get("aud"));
    assertEquals("é", claims.get("s"));
    assertFalse(claims.containsKey("gone"));
  }

  @Test
  void tokenKeepsTheRawJwtButNeverShowsIt() {
    String jwt = jwt("{\"iss\":\"https://token.actions.githubusercontent.com\",\"sub\":\"x\"}");
    OidcToken token = JwtClaims.token(jwt);
    assertEquals(jwt, token.rawToken());
    assertFalse(token.toString().contains(jwt.split("\\.")[1]));
  }

  @Test
  void rejectsMalformedTokensWithoutQuotingThem() {
    String secretPayload = part("{\"secret\":\"hunter2\"");
    String[] bad = {
      "only.two",
      "a.b.c.d",
      part("{}") + "." + secretPayload + ".c2ln",
      part("{}") + "." + part("[1,2]") + ".c2ln",
      part("{}") + ".not base64!." + "c2ln",
      part("{}") + ".." + "c2ln",
    };
    for (String token : bad) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> JwtClaims.decode(token));
      assertFalse(e.getMessage().contains(token), e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
  }
}
