package dev.provenanceaction.sigstore.fulcio;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.x509.CertificateBuilder;
import dev.provenanceaction.sigstore.x509.Der;
import dev.provenanceaction.sigstore.x509.Extensions;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An in-process Fulcio with throw-away keys: a P-384 root and intermediate, a P-256 CT log, and
 * 10-minute leaves shaped like Fulcio's (GitHub Actions extensions, one embedded SCT). Its
 * certificates verify like Fulcio's against its own {@link #trustedRootEntry()} and {@link
 * #ctLogEntry()}, and prove nothing to anyone else. Thread-safe.
 */
public final class EphemeralCertificateAuthority implements CertificateAuthority {
  /** Fulcio's leaf lifetime. */
  public static final Duration LEAF_VALIDITY = Duration.ofMinutes(10);

  private static final Duration CA_VALIDITY = Duration.ofDays(365);
  private static final String ORGANIZATION = "provenance-action ephemeral (proves nothing)";

  private final URI uri;
  private final Clock clock;
  private final Instant createdAt;
  private final KeyPair intermediateKey;
  private final byte[] intermediateName;
  private final X509Certificate root;
  private final X509Certificate intermediate;
  private final KeyPair ctLogKey;
  private final byte[] ctLogId;
  private final SecureRandom random = new SecureRandom();

  private EphemeralCertificateAuthority(URI uri, Clock clock) throws GeneralSecurityException {
    this.uri = uri;
    this.clock = clock;
    this.createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    KeyPair rootKey = Ecdsa.generateP384();
    this.intermediateKey = Ecdsa.generateP384();
    this.ctLogKey = Ecdsa.generateP256();
    this.ctLogId = Ecdsa.keyId(ctLogKey.getPublic());
    byte[] rootName = Extensions.name(ORGANIZATION, "ephemeral-root");
    this.intermediateName = Extensions.name(ORGANIZATION, "ephemeral-intermediate");
    this.root = caCertificate(rootName, rootName, rootKey.getPublic(), rootKey, -1);
    this.intermediate =
        caCertificate(rootName, intermediateName, intermediateKey.getPublic(), rootKey, 0);
  }

  /**
   * @param uri the address the CA claims in the trusted root
   * @param clock the source of certificate and SCT times
   */
  public static EphemeralCertificateAuthority create(URI uri, Clock clock) {
    try {
      return new EphemeralCertificateAuthority(uri, clock);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create CA certificates with the JDK's EC keys", e);
    }
  }

  /** This CA as a trusted root lists it: intermediate, then root. */
  public TrustedRoot.CertificateAuthorityEntry trustedRootEntry() {
    return new TrustedRoot.CertificateAuthorityEntry(
        uri,
        ORGANIZATION,
        "ephemeral-root",
        List.of(intermediate, root),
        new TrustedRoot.ValidFor(createdAt, null));
  }

  /** The CT log whose SCTs this CA embeds, as a trusted root lists it. */
  public TrustedRoot.Log ctLogEntry() {
    return new TrustedRoot.Log(
        uri.resolve("/ct"),
        ctLogKey.getPublic(),
        Ecdsa.P256_KEY_DETAILS,
        ctLogId.clone(),
        new TrustedRoot.ValidFor(createdAt, null));
  }

  /**
   * Issues a leaf for an EC key (the only kind this project signs with).
   *
   * @return leaf, intermediate, root
   * @throws SigstoreException when the proof of possession fails or the claims name no identity
   */
  @Override
  public List<X509Certificate> issue(OidcToken token, PublicKey publicKey, byte[] proofOfPossession)
      throws SigstoreException {
    String subject = token.claim("sub");
    if (subject == null
        || !Ecdsa.verify(publicKey, subject.getBytes(StandardCharsets.UTF_8), proofOfPossession)) {
      throw new SigstoreException(
          "Fulcio",
          "the proof of possession is not the key's signature over the token's sub claim");
    }
    Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    CertificateBuilder leaf =
        new CertificateBuilder(
                intermediateName,
                serialNumber(),
                notBefore,
                notBefore.plus(LEAF_VALIDITY),
                Extensions.EMPTY_NAME,
                publicKey)
            .addExtension(
                Extensions.KEY_USAGE, true, Extensions.keyUsage(Extensions.DIGITAL_SIGNATURE))
            .addExtension(Extensions.EXTENDED_KEY_USAGE, false, Extensions.codeSigningUsage())
            .addExtension(
                Extensions.SUBJECT_KEY_IDENTIFIER,
                false,
                Extensions.subjectKeyIdentifier(publicKey))
            .addExtension(
                Extensions.AUTHORITY_KEY_IDENTIFIER,
                false,
                Extensions.authorityKeyIdentifier(intermediateKey.getPublic()));
    FulcioExtensions.add(leaf, token.claims());
    // The precertificate's TBS is the final TBS without the SCT list, which comes last.
    byte[] sctList =
        EmbeddedSct.sctList(
            ctLogKey.getPrivate(),
            ctLogId,
            clock.millis(),
            Ecdsa.keyId(intermediateKey.getPublic()),
            leaf.tbsCertificate());
    leaf.addExtension(EmbeddedSct.EXTENSION_OID, false, Der.octetString(sctList));
    try {
      return List.of(leaf.sign(intermediateKey.getPrivate()), intermediate, root);
    } catch (GeneralSecurityException e) {
      throw new SigstoreException("Fulcio", "cannot build the certificate: " + e.getMessage(), e);
    }
  }

  private X509Certificate caCertificate(
      byte[] issuer, byte[] subject, PublicKey subjectKey, KeyPair issuerKey, int pathLength)
      throws GeneralSecurityException {
    CertificateBuilder builder =
        new CertificateBuilder(
                issuer, serialNumber(), createdAt, createdAt.plus(CA_VALIDITY), subject, subjectKey)
            .addExtension(
                Extensions.KEY_USAGE,
                true,
                Extensions.keyUsage(Extensions.KEY_CERT_SIGN | Extensions.CRL_SIGN))
            .addExtension(
                Extensions.BASIC_CONSTRAINTS, true, Extensions.caBasicConstraints(pathLength))
            .addExtension(
                Extensions.SUBJECT_KEY_IDENTIFIER,
                false,
                Extensions.subjectKeyIdentifier(subjectKey));
    if (pathLength >= 0) {
      builder
          .addExtension(
              Extensions.AUTHORITY_KEY_IDENTIFIER,
              false,
              Extensions.authorityKeyIdentifier(issuerKey.getPublic()))
          .addExtension(Extensions.EXTENDED_KEY_USAGE, false, Extensions.codeSigningUsage());
    }
    return builder.sign(issuerKey.getPrivate());
  }

  // Positive and at most 20 octets, as RFC 5280 requires and Fulcio issues.
  private BigInteger serialNumber() {
    return new BigInteger(159, random);
  }
}
