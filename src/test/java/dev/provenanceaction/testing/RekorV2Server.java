package dev.provenanceaction.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.MerkleTree;
import dev.provenanceaction.sigstore.rekor.RekorV2TransparencyLog;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rekor v2 (rekor-tiles) on a loopback port: {@code POST /api/v2/log/entries} takes a {@code
 * hashedRekordRequestV002}, checks it as rekor-tiles does (a 32-byte digest, an X.509 verifier of
 * key details {@code PKIX_ECDSA_P256_SHA_256}, a signature over the digest that verifies with it),
 * appends the {@code hashedrekord} 0.0.2 body to a real RFC 6962 tree, and answers 201 with the
 * {@code TransparencyLogEntry}: an inclusion proof to the new tree and its checkpoint, a C2SP
 * signed note whose origin is the log's host, signed with the log's Ed25519 key as the staging and
 * public-good v2 logs sign; no SET, no integrated time. It also takes a {@code dsseRequestV002}
 * (what sigstore-js sends for a DSSE envelope): one signature over the envelope's PAE that verifies
 * with its one X.509 verifier, logged as a {@code dsse} 0.0.2 body.
 */
public final class RekorV2Server extends LoopbackService {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte ED25519_NOTE_TYPE = 0x01;
  private static final String DSSE_KIND = "dsse";

  private final KeyPair key = ed25519();
  private final Instant createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final MerkleTree tree = new MerkleTree();
  private final List<JsonNode> requests = new ArrayList<>();

  private RekorV2Server() {}

  public static RekorV2Server start(TestTls tls) {
    RekorV2Server server = new RekorV2Server();
    server.listen(tls);
    return server;
  }

  /** The entry requests received, as parsed JSON, in order. */
  public synchronized List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  public synchronized long size() {
    return tree.size();
  }

  /** This log as a trusted root lists it: named by its checkpoint key id, as staging names it. */
  public TrustedRoot.Log trustedRootEntry() {
    return new TrustedRoot.Log(
        url(), key.getPublic(), "PKIX_ED25519", keyId(), new TrustedRoot.ValidFor(createdAt, null));
  }

  private String host() {
    return url().getHost();
  }

  // C2SP signed note key id of an Ed25519 key: SHA-256(name || "\n" || 0x01 || key).
  private byte[] keyId() {
    byte[] spki = key.getPublic().getEncoded();
    return Sha256.of(
        (host() + "\n").getBytes(StandardCharsets.UTF_8),
        new byte[] {ED25519_NOTE_TYPE},
        Arrays.copyOfRange(spki, spki.length - 32, spki.length));
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    if (answeredInjectedFailure(exchange)) {
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())
        || !RekorV2TransparencyLog.ENTRIES_PATH.equals(exchange.getRequestURI().getPath())) {
      LoopbackHttps.respondError(exchange, 404, "not found");
      return;
    }
    JsonNode request;
    byte[] body;
    String kind;
    try {
      request = JSON.readTree(exchange.getRequestBody());
      if (request.size() == 1 && request.has("dsseRequestV002")) {
        kind = DSSE_KIND;
        body = dsseBody(request.get("dsseRequestV002"));
      } else {
        kind = RekorV2TransparencyLog.KIND;
        body = hashedRekordBody(request);
      }
    } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
      LoopbackHttps.respondError(exchange, 400, "invalid entry: " + e.getMessage());
      return;
    }
    LoopbackHttps.respond(exchange, 201, "application/json", append(request, kind, body));
  }

  /** The body rekor-tiles logs for a checked hashed rekord request. */
  private static byte[] hashedRekordBody(JsonNode request)
      throws IOException, GeneralSecurityException {
    JsonNode hashedRekord = request.get("hashedRekordRequestV002");
    if (hashedRekord == null || request.size() != 1) {
      throw new IllegalArgumentException(
          "only hashedRekordRequestV002 and dsseRequestV002 are accepted");
    }
    byte[] digest = Base64.getDecoder().decode(hashedRekord.path("digest").asText());
    if (digest.length != 32) {
      throw new IllegalArgumentException("digest must be a SHA-256 digest, 32 bytes");
    }
    JsonNode signature = hashedRekord.path("signature");
    byte[] content = Base64.getDecoder().decode(signature.path("content").asText());
    JsonNode verifier = signature.path("verifier");
    String keyDetails = verifier.path("keyDetails").asText();
    if (!Ecdsa.P256_KEY_DETAILS.equals(keyDetails)) {
      throw new IllegalArgumentException("keyDetails " + keyDetails + " does not match the key");
    }
    byte[] rawCertificate =
        Base64.getDecoder().decode(verifier.path("x509Certificate").path("rawBytes").asText());
    X509Certificate certificate = certificate(rawCertificate);
    // The digest is already SHA-256: verify the signature over it as given.
    Signature check = Signature.getInstance("NONEwithECDSA");
    check.initVerify(certificate.getPublicKey());
    check.update(digest);
    if (!check.verify(content)) {
      throw new IllegalArgumentException("the signature does not verify over the digest");
    }
    return RekorBodies.hashedRekordV2(digest, content, certificate);
  }

  /** The body rekor-tiles logs for a checked DSSE request: the payload's hash, the signature. */
  private static byte[] dsseBody(JsonNode dsse) throws IOException, GeneralSecurityException {
    JsonNode envelope = dsse.path("envelope");
    JsonNode signatures = envelope.path("signatures");
    JsonNode verifiers = dsse.path("verifiers");
    if (signatures.size() != 1 || verifiers.size() != 1) {
      throw new IllegalArgumentException("one signature and one verifier expected");
    }
    Base64.Decoder base64 = Base64.getDecoder();
    byte[] payload = base64.decode(envelope.path("payload").asText());
    byte[] content = base64.decode(signatures.get(0).path("sig").asText());
    JsonNode verifier = verifiers.get(0);
    String keyDetails = verifier.path("keyDetails").asText();
    if (!Ecdsa.P256_KEY_DETAILS.equals(keyDetails)) {
      throw new IllegalArgumentException("keyDetails " + keyDetails + " does not match the key");
    }
    byte[] rawCertificate =
        base64.decode(verifier.path("x509Certificate").path("rawBytes").asText());
    Signature check = Signature.getInstance("SHA256withECDSA");
    X509Certificate certificate = certificate(rawCertificate);
    check.initVerify(certificate.getPublicKey());
    String payloadType = envelope.path("payloadType").asText();
    check.update(DsseEnvelope.pae(payloadType, payload));
    if (!check.verify(content)) {
      throw new IllegalArgumentException("the signature does not verify over the envelope's PAE");
    }
    return RekorBodies.dsseV2(new DsseEnvelope(payload, payloadType, content), certificate);
  }

  private static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private synchronized String append(JsonNode request, String kind, byte[] body)
      throws IOException {
    requests.add(request);
    long index = tree.append(body);
    long size = tree.size();
    byte[] root = tree.root(size);
    Base64.Encoder base64 = Base64.getEncoder();
    List<String> hashes = new ArrayList<>();
    for (byte[] hash : tree.inclusionProof(index, size)) {
      hashes.add(base64.encodeToString(hash));
    }
    Map<String, Object> proof = new LinkedHashMap<>();
    proof.put("logIndex", Long.toString(index));
    proof.put("rootHash", base64.encodeToString(root));
    proof.put("treeSize", Long.toString(size));
    proof.put("hashes", hashes);
    proof.put("checkpoint", Map.of("envelope", checkpoint(size, root)));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("logIndex", Long.toString(index));
    entry.put("logId", Map.of("keyId", base64.encodeToString(keyId())));
    entry.put("kindVersion", Map.of("kind", kind, "version", RekorV2TransparencyLog.VERSION));
    entry.put("inclusionProof", proof);
    entry.put("canonicalizedBody", base64.encodeToString(body));
    return JSON.writeValueAsString(entry);
  }

  private String checkpoint(long size, byte[] root) {
    String text = host() + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    byte[] signature;
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key.getPrivate());
      signer.update(text.getBytes(StandardCharsets.UTF_8));
      signature = signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    byte[] line = Arrays.copyOf(keyId(), 4 + signature.length);
    System.arraycopy(signature, 0, line, 4, signature.length);
    return text + "\n\u2014 " + host() + " " + Base64.getEncoder().encodeToString(line) + "\n";
  }

  private static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
