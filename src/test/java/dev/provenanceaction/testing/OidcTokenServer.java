package dev.provenanceaction.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The GitHub Actions runner's OIDC token endpoint over HTTPS: checks the bearer request token and
 * answers {@code {"value":"<jwt>"}} with a JWT signed by its own key (ES256 or RS256), carrying the
 * claims the test set, issuer {@code https://token.actions.githubusercontent.com} and the requested
 * audience.
 */
public final class OidcTokenServer extends LoopbackService {
  public static final String ISSUER = "https://token.actions.githubusercontent.com";

  /** The JWS algorithms the server signs with. */
  public enum Algorithm {
    ES256("EC", "SHA256withECDSAinP1363Format"),
    RS256("RSA", "SHA256withRSA");

    private final String keyAlgorithm;
    private final String signatureAlgorithm;

    Algorithm(String keyAlgorithm, String signatureAlgorithm) {
      this.keyAlgorithm = keyAlgorithm;
      this.signatureAlgorithm = signatureAlgorithm;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Algorithm algorithm;
  private final KeyPair keys;
  private final String requestToken = "request-token-" + UUID.randomUUID();
  private volatile Map<String, Object> claims = Map.of();
  private volatile Duration lifetime = Duration.ofMinutes(5);
  private volatile String lastAudience;
  private volatile String issuer = ISSUER;
  private volatile String answer;
  private final List<String> issued = new CopyOnWriteArrayList<>();

  private OidcTokenServer(Algorithm algorithm, KeyPair keys) {
    this.algorithm = algorithm;
    this.keys = keys;
  }

  public static OidcTokenServer create(Algorithm algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyAlgorithm);
      if (algorithm == Algorithm.ES256) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      return new OidcTokenServer(algorithm, generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public OidcTokenServer start(TestTls tls) {
    listen(tls);
    return this;
  }

  /** What the runner puts in {@code ACTIONS_ID_TOKEN_REQUEST_URL}: it already has a query. */
  public URI requestUrl() {
    return url().resolve("/_apis/distributedtask/token?api-version=2.0");
  }

  /** What the runner puts in {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}. */
  public String requestToken() {
    return requestToken;
  }

  public PublicKey publicKey() {
    return keys.getPublic();
  }

  public Algorithm algorithm() {
    return algorithm;
  }

  /** Claims for the tokens issued from now on, beside {@code iss}, {@code aud} and times. */
  public void setClaims(Map<String, Object> claims) {
    this.claims = Map.copyOf(claims);
  }

  /** The {@code iss} of the tokens issued from now on (GitHub Enterprise Server's differs). */
  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }

  /**
   * Answers {@code {"value": value}} from now on instead of a token: a broken or hostile runner.
   */
  public void answerWith(String value) {
    this.answer = value;
  }

  /** Every token issued so far, for tests that look for them where they must not be. */
  public List<String> issuedTokens() {
    return List.copyOf(issued);
  }

  /** How long issued tokens live; negative for tokens already expired. */
  public void setLifetime(Duration lifetime) {
    this.lifetime = lifetime;
  }

  /** The audience the last successful request asked for. */
  public String lastAudience() {
    return lastAudience;
  }

  /** A token as the endpoint would issue it, without an HTTP round trip. */
  public String issueToken(String audience) {
    Instant now = Instant.now();
    Map<String, Object> payload = new LinkedHashMap<>(claims);
    payload.put("iss", issuer);
    payload.put("aud", audience);
    payload.put("iat", now.getEpochSecond());
    payload.put("nbf", now.getEpochSecond());
    payload.put("exp", now.plus(lifetime).getEpochSecond());
    try {
      String header =
          base64Url(
              JSON.writeValueAsBytes(
                  Map.of("alg", algorithm.name(), "typ", "JWT", "kid", "test-key")));
      String signingInput = header + "." + base64Url(JSON.writeValueAsBytes(payload));
      Signature signer = Signature.getInstance(algorithm.signatureAlgorithm);
      signer.initSign(keys.getPrivate());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      String token = signingInput + "." + base64Url(signer.sign());
      issued.add(token);
      return token;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks a JWT's signature against this server's key and its expiry, as Fulcio does.
   *
   * @return the reason it is not acceptable, or null when it is
   */
  public String rejectionOf(String jwt) {
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      return "not a compact JWT";
    }
    try {
      Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm);
      verifier.initVerify(keys.getPublic());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return "the token's signature does not verify";
      }
      Map<?, ?> payload = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
      Object expiry = payload.get("exp");
      if (!(expiry instanceof Number number)
          || Instant.ofEpochSecond(number.longValue()).isBefore(Instant.now())) {
        return "the token has expired";
      }
      return null;
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      return "the token cannot be checked";
    }
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    if (answeredInjectedFailure(exchange)) {
      return;
    }
    if (!"GET".equals(exchange.getRequestMethod())
        || !requestUrl().getPath().equals(exchange.getRequestURI().getPath())) {
      LoopbackHttps.respondError(exchange, 404, "not found");
      return;
    }
    if (!("Bearer " + requestToken)
        .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      LoopbackHttps.respondError(exchange, 401, "bad request token");
      return;
    }
    String audience = queryParameter(exchange.getRequestURI(), "audience");
    String apiVersion = queryParameter(exchange.getRequestURI(), "api-version");
    if (audience == null || !"2.0".equals(apiVersion)) {
      LoopbackHttps.respondError(exchange, 400, "audience and api-version are required");
      return;
    }
    lastAudience = audience;
    LoopbackHttps.respond(
        exchange,
        200,
        "application/json",
        JSON.writeValueAsString(
            Map.of("count", 1, "value", answer != null ? answer : issueToken(audience))));
  }

  private static String queryParameter(URI uri, String name) {
    String query = uri.getQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return pair.substring(equals + 1);
      }
    }
    return null;
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
