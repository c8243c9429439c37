package dev.provenanceaction.sigstore.oidc;

import java.util.Map;

/**
 * An OIDC identity token and its decoded claims. The raw token is a secret: {@link #toString()}
 * never shows it.
 *
 * @param rawToken the compact JWT
 * @param claims the payload's claims, values as strings (numbers and booleans in their JSON text)
 */
public record OidcToken(String rawToken, Map<String, String> claims) {
  public OidcToken {
    claims = Map.copyOf(claims);
  }

  public String claim(String name) {
    return claims.get(name);
  }

  @Override
  public String toString() {
    return "OidcToken[issuer=" + claims.get("iss") + ", subject=" + claims.get("sub") + "]";
  }
}
