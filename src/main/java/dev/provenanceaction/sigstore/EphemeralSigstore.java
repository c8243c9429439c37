package dev.provenanceaction.sigstore;

import dev.provenanceaction.sigstore.fulcio.EphemeralCertificateAuthority;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.rekor.EphemeralTransparencyLog;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole Sigstore instance in this process: a certificate authority and a transparency log with
 * keys made now and forgotten at exit, and the trusted root that verifies what they sign. Bundles
 * it produces are well-formed and verify against {@link #trustedRoot()} only; they prove nothing
 * about who built anything. Used for {@code sigstore: ephemeral} dry runs and by test servers.
 */
public final class EphemeralSigstore {
  public static final URI FULCIO_URL = URI.create("https://fulcio.ephemeral.invalid");
  public static final URI REKOR_URL = URI.create("https://rekor.ephemeral.invalid");

  /** The {@code iss} of tokens made by {@link #tokenFrom(Map)} when the claims name none. */
  public static final String ISSUER = "https://token.ephemeral.invalid";

  private final EphemeralCertificateAuthority certificateAuthority;
  private final EphemeralTransparencyLog transparencyLog;

  private EphemeralSigstore(
      EphemeralCertificateAuthority certificateAuthority,
      EphemeralTransparencyLog transparencyLog) {
    this.certificateAuthority = certificateAuthority;
    this.transparencyLog = transparencyLog;
  }

  public static EphemeralSigstore create() {
    return create(Clock.systemUTC());
  }

  /** An instance at the {@code .invalid} addresses above, so nothing can mistake it for real. */
  public static EphemeralSigstore create(Clock clock) {
    return create(FULCIO_URL, REKOR_URL, clock);
  }

  /**
   * An instance claiming the given addresses, as loopback test servers need (the log signs its
   * checkpoints with the host of {@code rekorUrl}).
   */
  public static EphemeralSigstore create(URI fulcioUrl, URI rekorUrl, Clock clock) {
    return new EphemeralSigstore(
        EphemeralCertificateAuthority.create(fulcioUrl, clock),
        EphemeralTransparencyLog.create(rekorUrl, clock));
  }

  public EphemeralCertificateAuthority certificateAuthority() {
    return certificateAuthority;
  }

  public EphemeralTransparencyLog transparencyLog() {
    return transparencyLog;
  }

  /** The one CA, one Rekor log and one CT log of this instance. */
  public TrustedRoot trustedRoot() {
    return new TrustedRoot(
        List.of(certificateAuthority.trustedRootEntry()),
        List.of(transparencyLog.trustedRootEntry()),
        List.of(certificateAuthority.ctLogEntry()));
  }

  /**
   * A token-shaped value for the ephemeral CA: the claims as given ({@link #ISSUER} as {@code iss}
   * if they have none) and an unsigned JWT ({@code alg: none}) that is never sent anywhere. Give it
   * GitHub Actions claims ({@code job_workflow_ref} and the rest) for a GitHub-shaped certificate.
   */
  public static OidcToken tokenFrom(Map<String, String> claims) {
    Map<String, String> withIssuer = new HashMap<>(claims);
    withIssuer.putIfAbsent("iss", ISSUER);
    Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
    String header = CanonicalJson.write(Map.of("alg", "none", "typ", "JWT"));
    String rawToken =
        base64url.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + base64url.encodeToString(
                CanonicalJson.write(withIssuer).getBytes(StandardCharsets.UTF_8))
            + ".";
    return new OidcToken(rawToken, withIssuer);
  }
}
