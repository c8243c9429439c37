package dev.provenanceaction.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.rekor.RekorEntryJson;
import dev.provenanceaction.sigstore.rekor.TransparencyLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rekor's v1 entries API over HTTPS on a loopback port. Like Rekor it checks a proposed {@code
 * dsse} 0.0.1 entry (the envelope parses, the verifier is a certificate, the signature verifies
 * over the PAE) before a delegate log appends it; answers 201 with {@code Location}, 409 with
 * {@code Location} for an entry it holds already, and serves {@code GET
 * /api/v1/log/entries/<uuid>}.
 */
public final class RekorServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TransparencyLog delegate;
  private final FaultInjector faults = new FaultInjector();
  private final Map<String, LogEntry> entries = new ConcurrentHashMap<>();
  private LoopbackHttps https;

  private RekorServer(TransparencyLog delegate) {
    this.delegate = delegate;
  }

  /**
   * @param delegate appends the entries, e.g. an ephemeral log
   */
  public static RekorServer create(TransparencyLog delegate) {
    return new RekorServer(delegate);
  }

  public RekorServer start(TestTls tls) {
    https = LoopbackHttps.start(tls, this::handle);
    return this;
  }

  public URI url() {
    return https.baseUrl();
  }

  public void failNext(int count, int httpStatus) {
    faults.failNext(count, httpStatus);
  }

  public void delayNext(Duration delay) {
    faults.delayNext(delay);
  }

  /** Requests of any kind received, injected failures included. */
  public int requestCount() {
    return faults.requestCount();
  }

  public int entryCount() {
    return entries.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    OptionalInt failure = faults.onRequest();
    if (failure.isPresent()) {
      LoopbackHttps.respondError(exchange, failure.getAsInt(), "injected failure");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if ("POST".equals(method) && RekorEntryJson.ENTRIES_PATH.equals(path)) {
      propose(exchange);
    } else if ("GET".equals(method) && path.startsWith(RekorEntryJson.ENTRIES_PATH + "/")) {
      String uuid = path.substring(RekorEntryJson.ENTRIES_PATH.length() + 1);
      LogEntry entry = entries.get(uuid);
      if (entry == null) {
        LoopbackHttps.respondError(exchange, 404, "entry not found");
      } else {
        LoopbackHttps.respond(
            exchange, 200, "application/json", RekorEntryJson.render(uuid, entry));
      }
    } else {
      LoopbackHttps.respondError(exchange, 404, "not found");
    }
  }

  private void propose(HttpExchange exchange) throws IOException {
    Proposal proposal;
    try {
      proposal = Proposal.read(JSON.readTree(exchange.getRequestBody()));
    } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
      LoopbackHttps.respondError(exchange, 400, "invalid entry: " + e.getMessage());
      return;
    }
    LogEntry entry;
    try {
      entry = delegate.append(proposal.envelope, proposal.certificate);
    } catch (SigstoreException e) {
      LoopbackHttps.respondError(exchange, 500, e.getMessage());
      return;
    }
    String uuid = RekorEntryJson.uuidOf(entry.canonicalizedBody());
    String location = RekorEntryJson.ENTRIES_PATH + "/" + uuid;
    exchange.getResponseHeaders().set("Location", location);
    if (entries.putIfAbsent(uuid, entry) != null) {
      LoopbackHttps.respondError(
          exchange,
          409,
          "An equivalent entry already exists in the transparency log with UUID " + uuid);
      return;
    }
    exchange.getResponseHeaders().set("ETag", uuid);
    LoopbackHttps.respond(exchange, 201, "application/json", RekorEntryJson.render(uuid, entry));
  }

  /** A proposed dsse entry, checked as Rekor checks it. */
  private record Proposal(DsseEnvelope envelope, X509Certificate certificate) {
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
      return new Proposal(parsed, certificate);
    }
  }

  @Override
  public void close() {
    if (https != null) {
      https.close();
    }
  }
}
