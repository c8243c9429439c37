package dev.provenanceaction.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.EphemeralSigstore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A whole Sigstore on loopback, as a GitHub job sees it: the runner's OIDC token endpoint, Fulcio
 * v2 and Rekor v1 over HTTPS, all behind one throw-away TLS CA, plus the directory a custom {@code
 * sigstore:} input names ({@code trusted_root.json}, {@code signing_config.json}, {@code
 * tls-ca.pem}).
 */
public final class LoopbackSigstore implements AutoCloseable {
  private final TestTls tls;
  private final EphemeralSigstore backend;
  private final OidcTokenServer oidc;
  private final FulcioServer fulcio;
  private final RekorServer rekor;
  private final Path directory;

  private LoopbackSigstore(Path directory) {
    this.directory = directory;
    tls = TestTls.create();
    // The checkpoint names the log by host; the port is not known before the server starts.
    backend =
        EphemeralSigstore.create(
            URI.create("https://localhost"), URI.create("https://localhost"), Clock.systemUTC());
    oidc = OidcTokenServer.create(OidcTokenServer.Algorithm.ES256).start(tls);
    fulcio = FulcioServer.create(oidc, backend.certificateAuthority()).start(tls);
    rekor = RekorServer.create(backend.transparencyLog()).start(tls);
  }

  /** Starts the servers and writes the instance's files into {@code directory}. */
  public static LoopbackSigstore start(Path directory) {
    LoopbackSigstore sigstore = new LoopbackSigstore(directory);
    sigstore.writeInstanceFiles();
    return sigstore;
  }

  private void writeInstanceFiles() {
    try {
      Files.createDirectories(directory);
      Files.write(directory.resolve("trusted_root.json"), backend.trustedRoot().toJson());
      Map<String, Object> signingConfig =
          Map.of(
              "mediaType", "application/vnd.dev.sigstore.signingconfig.v0.2+json",
              "caUrls", List.of(service(fulcio.url())),
              "oidcUrls", List.of(),
              "rekorTlogUrls", List.of(service(rekor.url())),
              "tsaUrls", List.of(),
              "rekorTlogConfig", Map.of("selector", "ANY"),
              "tsaConfig", Map.of("selector", "ANY"));
      new ObjectMapper()
          .writeValue(directory.resolve("signing_config.json").toFile(), signingConfig);
      Files.copy(tls.caPem(), directory.resolve("tls-ca.pem"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> service(URI url) {
    return Map.of(
        "url",
        url.toString(),
        "majorApiVersion",
        1,
        "validFor",
        Map.of("start", "2020-01-01T00:00:00Z"),
        "operator",
        "loopback");
  }

  /** The value of the action's {@code sigstore} input. */
  public Path directory() {
    return directory;
  }

  public Path trustedRoot() {
    return directory.resolve("trusted_root.json");
  }

  /** The TLS CA behind every server here, for more servers that clients reach with one trust. */
  public TestTls tls() {
    return tls;
  }

  public OidcTokenServer oidc() {
    return oidc;
  }

  public FulcioServer fulcio() {
    return fulcio;
  }

  public RekorServer rekor() {
    return rekor;
  }

  /** The variables a job with {@code id-token: write} has. */
  public Map<String, String> oidcEnvironment() {
    return Map.of(
        "ACTIONS_ID_TOKEN_REQUEST_URL", oidc.requestUrl().toString(),
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", oidc.requestToken());
  }

  @Override
  public void close() {
    rekor.close();
    fulcio.close();
    oidc.close();
  }
}
