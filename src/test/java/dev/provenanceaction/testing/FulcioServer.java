package dev.provenanceaction.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.fulcio.EphemeralCertificateAuthority;
import dev.provenanceaction.sigstore.oidc.JwtClaims;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fulcio's v2 REST API ({@code POST /api/v2/signingCert}, JSON, as its grpc-gateway serves it) over
 * HTTPS on a loopback port. Every request and every answer is checked against Fulcio's published
 * description ({@link FulcioOpenApi}); what it finds is kept for the test to assert on. Like Fulcio
 * it checks the identity token (signature against the {@link OidcTokenServer}'s key, expiry) and
 * the proof of possession, then lets a delegate certificate authority issue the chain, answered as
 * a certificate with an embedded SCT. Errors come as Fulcio's {@code {"code","message"}} with the
 * gRPC code and the HTTP status the gateway maps it to.
 *
 * <p>The delegate is an {@link EphemeralCertificateAuthority}: its trusted root entry verifies what
 * this server issues.
 */
public final class FulcioServer extends LoopbackService {
  static final String SIGNING_CERT_PATH = "/api/v2/signingCert";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** grpc-gateway's HTTP status for each gRPC code the server answers with. */
  private static final Map<Integer, Integer> GRPC_CODE_OF_STATUS =
      Map.of(400, 3, 401, 16, 403, 7, 404, 5, 429, 8, 500, 13, 502, 14, 503, 14, 504, 4);

  private final OidcTokenServer identityProvider;
  private final EphemeralCertificateAuthority delegate;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private volatile boolean detachedSct;
  private volatile boolean quoteToken;
  private volatile JsonNode lastRequest;
  private volatile Map<String, List<String>> lastHeaders;

  private FulcioServer(OidcTokenServer identityProvider, EphemeralCertificateAuthority delegate) {
    this.identityProvider = identityProvider;
    this.delegate = delegate;
  }

  /**
   * @param identityProvider whose tokens are accepted
   * @param delegate issues the certificates
   */
  public static FulcioServer create(
      OidcTokenServer identityProvider, EphemeralCertificateAuthority delegate) {
    return new FulcioServer(identityProvider, delegate);
  }

  public FulcioServer start(TestTls tls) {
    listen(tls);
    return this;
  }

  public EphemeralCertificateAuthority certificateAuthority() {
    return delegate;
  }

  /** Answer with a detached SCT from now on, as old Fulcio deployments could. */
  public void answerWithDetachedSct(boolean detachedSct) {
    this.detachedSct = detachedSct;
  }

  /** Quote the identity token in the error for a refused one from now on: a hostile Fulcio. */
  public void quoteTokenInErrors(boolean quoteToken) {
    this.quoteToken = quoteToken;
  }

  /** The body of the last request that reached the certificate checks. */
  public JsonNode lastRequest() {
    return lastRequest;
  }

  /** The headers of that request. */
  public Map<String, List<String>> lastHeaders() {
    return lastHeaders;
  }

  /** What Fulcio's description found wrong with the requests received and answers given. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    OptionalInt failure = onRequest();
    if (failure.isPresent()) {
      // As Fulcio's gateway answers: the status with the gRPC code it maps from.
      respondError(exchange, failure.getAsInt(), "injected failure");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if (!SIGNING_CERT_PATH.equals(path) || !"POST".equals(exchange.getRequestMethod())) {
      respondError(exchange, 404, "Not Found");
      return;
    }
    List<String> found =
        FulcioOpenApi.requestViolations(
            exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body);
    if (!found.isEmpty()) {
      violations.addAll(found);
      respondError(exchange, 400, String.join("; ", found));
      return;
    }
    JsonNode request = JSON.readTree(body);
    lastRequest = request;
    lastHeaders = Map.copyOf(exchange.getRequestHeaders());
    try {
      String answer = JSON.writeValueAsString(answer(request));
      violations.addAll(FulcioOpenApi.responseViolations(200, answer));
      LoopbackHttps.respond(exchange, 200, "application/json", answer);
    } catch (RequestRejected e) {
      respondError(exchange, e.httpStatus, e.getMessage());
    }
  }

  private ObjectNode answer(JsonNode request) throws RequestRejected {
    String jwt = request.at("/credentials/oidcIdentityToken").asText("");
    if (identityProvider.rejectionOf(jwt) != null) {
      // Fulcio's own words; it does not say why, and never echoes the token.
      throw new RequestRejected(
          401, "There was an error processing the identity token" + (quoteToken ? " " + jwt : ""));
    }
    OidcToken token = JwtClaims.token(jwt);
    JsonNode keyRequest = request.get("publicKeyRequest");
    PublicKey publicKey = publicKey(keyRequest.get("publicKey"));
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(keyRequest.get("proofOfPossession").asText());
    } catch (IllegalArgumentException e) {
      throw new RequestRejected(400, "The proof of possession is not base64");
    }
    verifyProofOfPossession(publicKey, token.claim("sub"), proof);
    List<X509Certificate> chain;
    try {
      chain = delegate.issue(token, publicKey, proof);
    } catch (SigstoreException e) {
      throw new RequestRejected(500, e.getMessage());
    }
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode signed =
        answer.putObject(
            detachedSct ? "signedCertificateDetachedSct" : "signedCertificateEmbeddedSct");
    ArrayNode pems = signed.putObject("chain").putArray("certificates");
    chain.forEach(certificate -> pems.add(pem(certificate)));
    if (detachedSct) {
      signed.put(
          "signedCertificateTimestamp",
          Base64.getEncoder()
              .encodeToString("{\"sct_version\":0}".getBytes(StandardCharsets.UTF_8)));
    }
    return answer;
  }

  private static PublicKey publicKey(JsonNode key) throws RequestRejected {
    if (!"ECDSA".equals(key.path("algorithm").asText())) {
      throw new RequestRejected(
          400, "unsupported key algorithm " + key.path("algorithm").asText("(none)"));
    }
    String content = key.get("content").asText();
    if (!content.startsWith("-----BEGIN PUBLIC KEY-----\n")
        || !content.strip().endsWith("-----END PUBLIC KEY-----")) {
      throw new RequestRejected(400, "The public key is not PEM");
    }
    String base64 =
        content
            .replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new RequestRejected(400, "The public key supplied in the request could not be parsed");
    }
  }

  private static void verifyProofOfPossession(PublicKey key, String subject, byte[] proof)
      throws RequestRejected {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key);
      verifier.update(subject.getBytes(StandardCharsets.UTF_8));
      if (verifier.verify(proof)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // falls through to the rejection Fulcio gives for any unverifiable proof
    }
    throw new RequestRejected(400, "The signature supplied in the request could not be verified");
  }

  private void respondError(HttpExchange exchange, int httpStatus, String message)
      throws IOException {
    ObjectNode status = JSON.createObjectNode();
    status.put("code", GRPC_CODE_OF_STATUS.getOrDefault(httpStatus, 2));
    status.put("message", message);
    status.putArray("details");
    String body = JSON.writeValueAsString(status);
    violations.addAll(FulcioOpenApi.responseViolations(httpStatus, body));
    LoopbackHttps.respond(exchange, httpStatus, "application/json", body);
  }

  private static String pem(X509Certificate certificate) {
    try {
      return TestTls.pem("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class RequestRejected extends Exception {
    private final int httpStatus;

    RequestRejected(int httpStatus, String message) {
      super(message, null, false, false);
      this.httpStatus = httpStatus;
    }
  }
}
