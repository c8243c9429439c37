package dev.provenanceaction.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.EphemeralSigstore;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole Sigstore on loopback, as a GitHub job sees it: the runner's OIDC token endpoint, Fulcio
 * v2 and Rekor v1 over HTTPS, and as its {@link Layout} says a Rekor v2 log and RFC 3161 timestamp
 * authorities, all behind one throw-away TLS CA, plus the directory a custom {@code sigstore:}
 * input names ({@code trusted_root.json}, {@code signing_config.json}, {@code tls-ca.pem}). Its
 * trust root has the real staging root's shape: an ECDSA P-384 Fulcio chain, an ECDSA P-256 Rekor
 * v1 log and CT log, and with Rekor v2 an Ed25519 v2 log named by its checkpoint key id, an expired
 * PKCS#1 RSA CT log, and ECDSA P-384 timestamp authority chains.
 */
public final class LoopbackSigstore implements AutoCloseable {
  private final TestTls tls;
  private final EphemeralSigstore backend;
  private final OidcTokenServer oidc;
  private final FulcioServer fulcio;
  private final RekorServer rekor;
  private final RekorV2Server rekorV2;
  private final List<TimestampAuthorityServer> timestampAuthorities = new ArrayList<>();
  private final TimestampAuthorityServer expiredTimestampAuthority;
  private final Layout layout;
  private final Path directory;

  /**
   * Which services run and how the signing config selects them.
   *
   * @param rekorV2 whether the config lists a Rekor v2 log beside v1 (it then selects v2)
   * @param timestampAuthorities how many timestamp authorities run and are listed, each its own
   *     operator
   * @param tsaConfig the config's {@code tsaConfig}
   * @param expiredServices whether the config also lists services outside their {@code validFor}: a
   *     newer Fulcio not yet started, a newer Rekor v2 log ended, and (with authorities) an ended
   *     timestamp authority; the first two name a closed port
   */
  public record Layout(
      boolean rekorV2,
      int timestampAuthorities,
      Map<String, Object> tsaConfig,
      boolean expiredServices) {
    /** Rekor v1 alone, as the instance was before signing configs listed more. */
    public static final Layout REKOR_V1 = new Layout(false, 0, Map.of("selector", "ANY"), false);

    /** Rekor v2 and one timestamp authority, as public-good's and staging's configs list them. */
    public static final Layout REKOR_V2 = new Layout(true, 1, Map.of("selector", "ANY"), false);

    public Layout withExpiredServices() {
      return new Layout(rekorV2, timestampAuthorities, tsaConfig, true);
    }
  }

  private LoopbackSigstore(Path directory, Layout layout) {
    this.directory = directory;
    this.layout = layout;
    tls = TestTls.create();
    // The checkpoint names the log by host; the port is not known before the server starts.
    backend =
        EphemeralSigstore.create(
            URI.create("https://localhost"), URI.create("https://localhost"), Clock.systemUTC());
    oidc = OidcTokenServer.create(OidcTokenServer.Algorithm.ES256).start(tls);
    fulcio = FulcioServer.create(oidc, backend.certificateAuthority()).start(tls);
    rekor = RekorServer.create(backend.transparencyLog()).start(tls);
    rekorV2 = layout.rekorV2() ? RekorV2Server.start(tls) : null;
    for (int i = 1; i <= layout.timestampAuthorities(); i++) {
      timestampAuthorities.add(TimestampAuthorityServer.start(tls, "loopback-tsa-" + i));
    }
    expiredTimestampAuthority =
        layout.expiredServices() && layout.timestampAuthorities() > 0
            ? TimestampAuthorityServer.start(tls, "loopback-tsa-expired")
            : null;
  }

  /** Starts Rekor v1 alone and writes the instance's files into {@code directory}. */
  public static LoopbackSigstore start(Path directory) {
    return start(directory, Layout.REKOR_V1);
  }

  /** Starts the layout's servers and writes the instance's files into {@code directory}. */
  public static LoopbackSigstore start(Path directory, Layout layout) {
    LoopbackSigstore sigstore = new LoopbackSigstore(directory, layout);
    sigstore.writeInstanceFiles();
    return sigstore;
  }

  private TrustedRoot trustedRootOfServices() {
    TrustedRoot own = backend.trustedRoot();
    List<TrustedRoot.Log> logs = new ArrayList<>(own.transparencyLogs());
    if (rekorV2 != null) {
      logs.add(rekorV2.trustedRootEntry());
    }
    List<TrustedRoot.CertificateAuthorityEntry> tsas = new ArrayList<>();
    for (TimestampAuthorityServer tsa : timestampAuthorities) {
      tsas.add(tsa.trustedRootEntry());
    }
    if (expiredTimestampAuthority != null) {
      tsas.add(expiredTimestampAuthority.trustedRootEntry());
    }
    List<TrustedRoot.Log> ctLogs = new ArrayList<>(own.ctLogs());
    if (rekorV2 != null) {
      // Staging's first CT log, long expired: a PKCS#1 RSA key, as its root still lists it.
      ctLogs.add(0, expiredRsaCtLog(fulcio.url()));
    }
    return new TrustedRoot(own.certificateAuthorities(), logs, ctLogs, tsas);
  }

  /** Made once: only its form matters, and an RSA key takes a while to make. */
  private static final PublicKey EXPIRED_CT_LOG_KEY = rsaPublicKey();

  private static PublicKey rsaPublicKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TrustedRoot.Log expiredRsaCtLog(URI fulcio) {
    PublicKey key = EXPIRED_CT_LOG_KEY;
    return new TrustedRoot.Log(
        URI.create(fulcio + "/ct-test"),
        key,
        "PKCS1_RSA_PKCS1V5",
        Sha256.of(key.getEncoded()),
        new TrustedRoot.ValidFor(
            Instant.parse("2021-03-14T00:00:00Z"), Instant.parse("2022-07-31T00:00:00Z")));
  }

  private void writeInstanceFiles() {
    try {
      Files.createDirectories(directory);
      Files.write(directory.resolve("trusted_root.json"), trustedRootOfServices().toJson());
      List<Map<String, Object>> cas = new ArrayList<>();
      List<Map<String, Object>> logs = new ArrayList<>();
      List<Map<String, Object>> tsas = new ArrayList<>();
      if (layout.expiredServices()) {
        cas.add(service(CLOSED_PORT, 1, "loopback", Map.of("start", TOMORROW)));
        logs.add(service(CLOSED_PORT, 2, "loopback", Map.of("start", YESTERDAY, "end", ONE_S_AGO)));
        if (expiredTimestampAuthority != null) {
          tsas.add(
              service(
                  expiredTimestampAuthority.url(),
                  1,
                  "loopback-expired",
                  Map.of("start", YESTERDAY, "end", ONE_S_AGO)));
        }
      }
      cas.add(service(fulcio.url(), 1, "loopback", SINCE_2020));
      if (rekorV2 != null) {
        logs.add(service(rekorV2.url(), 2, "loopback", SINCE_2020));
      }
      logs.add(service(rekor.url(), 1, "loopback", SINCE_2020));
      for (int i = 0; i < timestampAuthorities.size(); i++) {
        tsas.add(service(timestampAuthorities.get(i).url(), 1, "loopback-" + i, SINCE_2020));
      }
      Map<String, Object> signingConfig =
          Map.of(
              "mediaType",
              "application/vnd.dev.sigstore.signingconfig.v0.2+json",
              "caUrls",
              cas,
              "oidcUrls",
              List.of(),
              "rekorTlogUrls",
              logs,
              "tsaUrls",
              tsas,
              "rekorTlogConfig",
              Map.of("selector", "ANY"),
              "tsaConfig",
              layout.tsaConfig());
      new ObjectMapper()
          .writeValue(directory.resolve("signing_config.json").toFile(), signingConfig);
      Files.copy(tls.caPem(), directory.resolve("tls-ca.pem"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final URI CLOSED_PORT = URI.create("https://localhost:1");
  private static final Map<String, Object> SINCE_2020 = Map.of("start", "2020-01-01T00:00:00Z");
  private static final String TOMORROW = Instant.now().plus(Duration.ofDays(1)).toString();
  private static final String YESTERDAY = Instant.now().minus(Duration.ofDays(1)).toString();
  private static final String ONE_S_AGO = Instant.now().minusSeconds(1).toString();

  private static Map<String, Object> service(
      URI url, int majorApiVersion, String operator, Map<String, Object> validFor) {
    return Map.of(
        "url",
        url.toString(),
        "majorApiVersion",
        majorApiVersion,
        "validFor",
        validFor,
        "operator",
        operator);
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

  /** The Rekor v2 log, if the layout runs one. */
  public RekorV2Server rekorV2() {
    if (rekorV2 == null) {
      throw new IllegalStateException("this layout runs no Rekor v2 log");
    }
    return rekorV2;
  }

  public List<TimestampAuthorityServer> timestampAuthorities() {
    return List.copyOf(timestampAuthorities);
  }

  /** The timestamp authority listed only outside its validFor, if the layout lists one. */
  public TimestampAuthorityServer expiredTimestampAuthority() {
    if (expiredTimestampAuthority == null) {
      throw new IllegalStateException("this layout lists no expired timestamp authority");
    }
    return expiredTimestampAuthority;
  }

  /**
   * Copies a provenance file and this instance's trust root to {@code target/e2e-bundles/<name>/},
   * where {@code .ci/run} has sigstore-js verify them.
   */
  public void keepForSigstoreJs(String name, Path provenance) {
    try {
      Path kept = Files.createDirectories(Path.of("target", "e2e-bundles", name));
      Files.copy(
          provenance, kept.resolve(provenance.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          trustedRoot(), kept.resolve("trusted_root.json"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The variables a job with {@code id-token: write} has. */
  public Map<String, String> oidcEnvironment() {
    return Map.of(
        "ACTIONS_ID_TOKEN_REQUEST_URL", oidc.requestUrl().toString(),
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", oidc.requestToken());
  }

  @Override
  public void close() {
    timestampAuthorities.forEach(TimestampAuthorityServer::close);
    if (expiredTimestampAuthority != null) {
      expiredTimestampAuthority.close();
    }
    if (rekorV2 != null) {
      rekorV2.close();
    }
    rekor.close();
    fulcio.close();
    oidc.close();
  }
}
