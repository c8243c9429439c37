package dev.provenanceaction.sigstore;

import dev.provenanceaction.sigstore.fulcio.FulcioCertificateAuthority;
import dev.provenanceaction.sigstore.rekor.RekorTransparencyLog;
import dev.provenanceaction.sigstore.rekor.RekorV2TransparencyLog;
import dev.provenanceaction.sigstore.trust.SigningConfig;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.tsa.TimestampAuthorityClient;
import dev.provenanceaction.sigstore.tuf.TufCache;
import dev.provenanceaction.sigstore.tuf.TufTargets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Sigstore instance ready to sign: what verifies its output, and the signer that uses its
 * certificate authority and transparency log.
 *
 * @param name how to name it to a person
 * @param trustedRoot the keys that verify what it signs
 * @param signer signs with its certificate authority and log
 * @param ephemeral whether it is the throw-away in-process instance
 * @param publicLog whether its log is public (public-good): a private repository's name would leak
 * @param http the run's one HTTP client for its services and the OIDC endpoint, with their TLS
 *     trust
 */
public record SigstoreInstance(
    String name,
    TrustedRoot trustedRoot,
    StatementSigner signer,
    boolean ephemeral,
    boolean publicLog,
    SigstoreHttp http) {
  static final String TUF_SIGNING_CONFIG = "signing_config.v0.2.json";

  /**
   * The run's HTTP client for the chosen instance's services, its TUF mirror and the OIDC endpoint,
   * trusting the JDK's CAs plus a custom instance's {@code tls-ca.pem}; its TLS is set up on other
   * threads from now on, beside the run's other preparation.
   *
   * @param retries how every call is retried, within the run's deadline
   * @throws SigstoreException if a custom instance's {@code tls-ca.pem} cannot be read
   */
  public static SigstoreHttp httpFor(InstanceChoice choice, RetryPolicy retries)
      throws SigstoreException {
    if (choice.isEphemeral()) {
      return SigstoreHttp.create(TlsTrust.jdkDefaults(), retries);
    }
    Background.start(
        "tls-warm-up",
        () -> {
          TlsTrust.warmUp();
          return null;
        });
    TlsTrust tls;
    if (choice.isBehindTuf()) {
      // One client for the repository and the services: the mirror's TLS trust reaches both.
      tls = choice.mirror().tls();
    } else {
      Path tlsCa = choice.directory().resolve(InstanceChoice.TLS_CA_FILE);
      try {
        tls =
            Files.isRegularFile(tlsCa)
                ? TlsTrust.jdkDefaultsPlusPem(tlsCa)
                : TlsTrust.jdkDefaults();
      } catch (IOException e) {
        throw unreadable(choice.directory(), e);
      }
    }
    SigstoreHttp http = SigstoreHttp.create(tls, retries);
    http.prepare();
    return http;
  }

  /**
   * Makes the chosen instance usable: starts the ephemeral one, reads a custom one's files, or
   * fetches public-good's or staging's trust root and signing config through TUF.
   *
   * @param tufCache where TUF metadata verified by an earlier run is kept
   * @param rekorVersions the Rekor API versions the run's output can hold, the preferred first
   *     ({@link SigningConfig#REKOR_VERSIONS}, or only 1 when PEP 740 attestations are made)
   * @param http the client {@link #httpFor} made for this choice
   */
  public static SigstoreInstance resolve(
      InstanceChoice choice, TufCache tufCache, List<Integer> rekorVersions, SigstoreHttp http)
      throws SigstoreException {
    switch (choice.kind()) {
      case EPHEMERAL:
        EphemeralSigstore ephemeral = EphemeralSigstore.create();
        return new SigstoreInstance(
            "ephemeral",
            ephemeral.trustedRoot(),
            new StatementSigner(ephemeral.certificateAuthority(), ephemeral.transparencyLog()),
            true,
            false,
            http);
      case CUSTOM:
        Path directory = choice.directory();
        try {
          return fromFiles(
              directory.toString(),
              Files.readAllBytes(directory.resolve(InstanceChoice.TRUSTED_ROOT_FILE)),
              Files.readAllBytes(directory.resolve(InstanceChoice.SIGNING_CONFIG_FILE)),
              false,
              http,
              rekorVersions);
        } catch (IOException e) {
          throw unreadable(directory, e);
        }
      case PUBLIC_GOOD:
      case STAGING:
      default:
        return throughTuf(choice, tufCache, rekorVersions, http);
    }
  }

  private static SigstoreException unreadable(Path directory, IOException e) {
    return new SigstoreException(
        "Sigstore", "cannot read the instance in " + directory + ": " + e.getMessage(), e);
  }

  private static SigstoreInstance fromFiles(
      String name,
      byte[] trustedRootJson,
      byte[] signingConfigJson,
      boolean publicLog,
      SigstoreHttp http,
      List<Integer> rekorVersions)
      throws IOException {
    TrustedRoot trustedRoot = TrustedRoot.parse(new ByteArrayInputStream(trustedRootJson));
    SigningConfig config = SigningConfig.parse(signingConfigJson, Instant.now(), rekorVersions);
    SigningConfig.Service tlog = config.transparencyLog();
    List<TimestampAuthorityClient> timestampAuthorities = new ArrayList<>();
    for (URI url : config.timestampAuthorities()) {
      timestampAuthorities.add(TimestampAuthorityClient.of(url, http));
    }
    StatementSigner signer =
        new StatementSigner(
            FulcioCertificateAuthority.of(config.fulcioUrl(), http),
            tlog.majorApiVersion() == 2
                ? RekorV2TransparencyLog.of(tlog.url(), http)
                : RekorTransparencyLog.of(tlog.url(), http),
            timestampAuthorities);
    return new SigstoreInstance(name, trustedRoot, signer, false, publicLog, http);
  }

  private static SigstoreInstance throughTuf(
      InstanceChoice choice, TufCache cache, List<Integer> rekorVersions, SigstoreHttp http)
      throws SigstoreException {
    Map<String, byte[]> targets =
        TufTargets.fetch(
            choice.mirror(),
            cache,
            List.of(InstanceChoice.TRUSTED_ROOT_FILE, TUF_SIGNING_CONFIG),
            http);
    try {
      return fromFiles(
          choice.mirror().name(),
          targets.get(InstanceChoice.TRUSTED_ROOT_FILE),
          targets.get(TUF_SIGNING_CONFIG),
          choice.kind() == InstanceChoice.Kind.PUBLIC_GOOD,
          http,
          rekorVersions);
    } catch (IOException e) {
      throw new SigstoreException(
          "TUF",
          "the " + choice.mirror().name() + " trust root or signing config: " + e.getMessage(),
          e);
    }
  }
}
