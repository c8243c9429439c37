package dev.provenanceaction.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.DsseEntryBody;
import dev.provenanceaction.sigstore.rekor.EphemeralTransparencyLog;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.rekor.RekorEntryJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rekor's v1 entries API over HTTPS on a loopback port. Like Rekor it checks a proposed {@code
 * dsse} 0.0.1 entry (the envelope parses, the verifier is a certificate, the signature verifies
 * over the PAE) before an ephemeral log appends it; answers 201 with {@code Location}, 409 with
 * {@code Location} for an entry it holds already, and serves {@code GET /api/v1/log/entries/<uuid>}
 * and the index search {@code POST /api/v1/index/retrieve}.
 */
public final class RekorServer extends LoopbackService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EphemeralTransparencyLog log;
  private volatile boolean conflictLocation = true;

  private RekorServer(EphemeralTransparencyLog log) {
    this.log = log;
  }

  /**
   * @param log holds the entries and signs SETs and checkpoints
   */
  public static RekorServer create(EphemeralTransparencyLog log) {
    return new RekorServer(log);
  }

  public RekorServer start(TestTls tls) {
    listen(tls);
    return this;
  }

  public EphemeralTransparencyLog log() {
    return log;
  }

  /** Answers a conflict (409) without its {@code Location}, as a proxy that drops it would. */
  public RekorServer withoutLocationOnConflict() {
    conflictLocation = false;
    return this;
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    if (answeredInjectedFailure(exchange)) {
      return;
    }
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if ("POST".equals(method) && RekorEntryJson.ENTRIES_PATH.equals(path)) {
      propose(exchange);
    } else if ("POST".equals(method) && RekorEntryJson.INDEX_PATH.equals(path)) {
      searchIndex(exchange);
    } else if ("GET".equals(method) && path.startsWith(RekorEntryJson.ENTRIES_PATH + "/")) {
      String uuid = path.substring(RekorEntryJson.ENTRIES_PATH.length() + 1);
      // Rekor takes the entry UUID alone or prefixed by the 16 hex digits of its tree id.
      if (uuid.length() == 80) {
        uuid = uuid.substring(16);
      }
      Optional<LogEntry> entry = log.find(uuid);
      if (entry.isEmpty()) {
        LoopbackHttps.respondError(exchange, 404, "entry not found");
      } else {
        LoopbackHttps.respond(
            exchange, 200, "application/json", RekorEntryJson.render(uuid, entry.get()));
      }
    } else {
      LoopbackHttps.respondError(exchange, 404, "not found");
    }
  }

  /**
   * {@code POST /api/v1/index/retrieve {"hash":"sha256:<hex>"}}: the UUIDs of the entries indexed
   * under that digest, as Rekor indexes them: an {@code intoto} entry under its payload and
   * envelope hashes, a {@code dsse} one under its payload and envelope hashes, a {@code
   * hashedrekord} under the signed digest. Rekor answers {@code []} when none is.
   */
  private void searchIndex(HttpExchange exchange) throws IOException {
    String hash;
    try {
      hash = indexQueryHash(exchange.getRequestBody().readAllBytes());
    } catch (IllegalArgumentException e) {
      LoopbackHttps.respondError(exchange, 400, "invalid query: " + e.getMessage());
      return;
    }
    List<String> uuids = new ArrayList<>();
    for (LogEntry entry : log.entries()) {
      if (indexKeys(entry.canonicalizedBody()).contains(hash)) {
        uuids.add(EphemeralTransparencyLog.uuid(entry.canonicalizedBody()));
      }
    }
    LoopbackHttps.respond(exchange, 200, "application/json", JSON.writeValueAsString(uuids));
  }

  /**
   * The hex SHA-256 digest an index search asks for, from {@code {"hash":"sha256:<hex>"}} or a bare
   * hex digest as Rekor also accepts.
   */
  private static String indexQueryHash(byte[] query) {
    JsonNode hash;
    try {
      hash = JSON.readTree(query).path("hash");
    } catch (IOException e) {
      throw new IllegalArgumentException("the query is not JSON");
    }
    if (!hash.isTextual()) {
      throw new IllegalArgumentException("the query has no hash");
    }
    String value = hash.asText();
    String hex = value.startsWith("sha256:") ? value.substring("sha256:".length()) : value;
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("the hash is not sha256:<64 hex digits>: " + value);
    }
    return hex.toLowerCase(Locale.ROOT);
  }

  private static List<String> indexKeys(byte[] body) throws IOException {
    JsonNode json = JSON.readTree(body);
    List<String> keys = new ArrayList<>();
    for (String pointer :
        List.of(
            "/spec/content/payloadHash/value",
            "/spec/content/hash/value",
            "/spec/payloadHash/value",
            "/spec/envelopeHash/value",
            "/spec/data/hash/value")) {
      JsonNode value = json.at(pointer);
      if (value.isTextual()) {
        keys.add(value.asText().toLowerCase(Locale.ROOT));
      }
    }
    return keys;
  }

  private void propose(HttpExchange exchange) throws IOException {
    Proposal proposal;
    try {
      proposal = Proposal.read(JSON.readTree(exchange.getRequestBody()));
    } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
      LoopbackHttps.respondError(exchange, 400, "invalid entry: " + e.getMessage());
      return;
    }
    String uuid =
        RekorEntryJson.uuidOf(
            DsseEntryBody.of(proposal.envelopeJson, proposal.envelope, proposal.certificate)
                .canonicalJson());
    if (log.find(uuid).isPresent()) {
      if (conflictLocation) {
        exchange.getResponseHeaders().set("Location", RekorEntryJson.ENTRIES_PATH + "/" + uuid);
      }
      LoopbackHttps.respondError(
          exchange,
          409,
          "An equivalent entry already exists in the transparency log with UUID " + uuid);
      return;
    }
    LogEntry entry;
    try {
      entry = log.append(proposal.envelopeJson, proposal.envelope, proposal.certificate);
    } catch (SigstoreException e) {
      LoopbackHttps.respondError(exchange, 400, e.getMessage());
      return;
    }
    exchange.getResponseHeaders().set("Location", RekorEntryJson.ENTRIES_PATH + "/" + uuid);
    exchange.getResponseHeaders().set("ETag", uuid);
    LoopbackHttps.respond(exchange, 201, "application/json", RekorEntryJson.render(uuid, entry));
  }

  /** A proposed dsse entry, checked as Rekor checks it. */
  private record Proposal(String envelopeJson, DsseEnvelope envelope, X509Certificate certificate) {
    static Proposal read(JsonNode request) throws IOException, GeneralSecurityException {
      if (!"dsse".equals(request.path("kind").asText())
          || !"0.0.1".equals(request.path("apiVersion").asText())) {
        throw new IllegalArgumentException("only dsse 0.0.1 entries are accepted");
      }
      JsonNode proposed = request.path("spec").path("proposedContent");
      JsonNode envelopeText = proposed.get("envelope");
      if (envelopeText == null || !envelopeText.isTextual()) {
        throw new IllegalArgumentException("envelope must be a JSON string");
      }
      JsonNode envelope = JSON.readTree(envelopeText.asText());
      JsonNode signatures = envelope.path("signatures");
      if (signatures.size() != 1 || !envelope.path("payload").isTextual()) {
        throw new IllegalArgumentException("envelope needs a payload and one signature");
      }
      JsonNode verifiers = proposed.path("verifiers");
      if (verifiers.size() != 1) {
        throw new IllegalArgumentException("one verifier is required");
      }
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(
                          Base64.getDecoder().decode(verifiers.get(0).asText())));
      DsseEnvelope parsed =
          new DsseEnvelope(
              Base64.getDecoder().decode(envelope.get("payload").asText()),
              envelope.path("payloadType").asText(),
              Base64.getDecoder().decode(signatures.get(0).path("sig").asText()));
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(parsed.pae());
      if (!verifier.verify(parsed.signature())) {
        throw new IllegalArgumentException("the signature does not verify with the verifier");
      }
      return new Proposal(envelopeText.asText(), parsed, certificate);
    }
  }
}
