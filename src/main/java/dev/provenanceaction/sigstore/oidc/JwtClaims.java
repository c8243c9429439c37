package dev.provenanceaction.sigstore.oidc;

import dev.provenanceaction.json.JsonValue;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the claims of a compact JWT without checking its signature: the certificate authority
 * checks it, and the action only needs the claims to describe the build. Error messages never
 * include the token or any part of it, since the token is a secret.
 */
public final class JwtClaims {
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");

  private JwtClaims() {}

  /**
   * The payload's claims; strings as they are, numbers, booleans, arrays and objects as their JSON
   * text, JSON nulls left out.
   *
   * @throws IllegalArgumentException if the token is not three base64url parts with a JSON object
   *     as payload
   */
  public static Map<String, String> decode(String compactJwt) {
    if (compactJwt == null) {
      throw new IllegalArgumentException("the token is missing");
    }
    String[] parts = compactJwt.trim().split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "the token is not a compact JWT: it has " + parts.length + " parts, not 3");
    }
    for (String part : parts) {
      if (!BASE64URL.matcher(part).matches()) {
        throw new IllegalArgumentException(
            "the token is not a compact JWT: a part is not base64url");
      }
    }
    JsonValue payload;
    try {
      payload = JsonValue.parse(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IllegalArgumentException | java.io.IOException e) {
      // The parser's message quotes the input, so it must not be passed on.
      throw new IllegalArgumentException("the token's payload is not JSON");
    }
    if (!payload.isObject()) {
      throw new IllegalArgumentException("the token's payload is not a JSON object");
    }
    Map<String, String> claims = new LinkedHashMap<>();
    ((JsonValue.JsonObject) payload)
        .members()
        .forEach(
            (name, value) -> {
              if (!value.isNull()) {
                claims.put(name, value.isTextual() ? value.textValue() : value.toString());
              }
            });
    return claims;
  }

  /** The token with its decoded claims. */
  public static OidcToken token(String compactJwt) {
    return new OidcToken(compactJwt.trim(), decode(compactJwt));
  }
}
