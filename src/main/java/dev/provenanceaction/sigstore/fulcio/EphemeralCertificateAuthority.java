package dev.provenanceaction.sigstore.fulcio;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

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
    X500Name rootName = name("ephemeral-root");
    this.root = caCertificate(rootName, rootName, rootKey.getPublic(), rootKey, -1);
    this.intermediate =
        caCertificate(
            rootName, name("ephemeral-intermediate"), intermediateKey.getPublic(), rootKey, 0);
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
    try {
      X509v3CertificateBuilder leaf =
          new JcaX509v3CertificateBuilder(
              X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()),
              serialNumber(),
              Date.from(notBefore),
              Date.from(notBefore.plus(LEAF_VALIDITY)),
              new X500Name(new RDN[0]),
              publicKey);
      JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
      leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              extensionUtils.createSubjectKeyIdentifier(publicKey))
          .addExtension(
              Extension.authorityKeyIdentifier,
              false,
              extensionUtils.createAuthorityKeyIdentifier(intermediateKey.getPublic()));
      FulcioExtensions.add(leaf, token.claims());
      // The precertificate's TBS is the final TBS without the SCT list, which comes last: sign it
      // once to get its DER, have the CT log sign that, then issue with the SCT list added.
      byte[] precertificateTbs =
          sign(leaf, intermediateKey.getPrivate())
              .toASN1Structure()
              .getTBSCertificate()
              .getEncoded(ASN1Encoding.DER);
      byte[] sctList =
          EmbeddedSct.sctList(
              ctLogKey.getPrivate(),
              ctLogId,
              clock.millis(),
              Ecdsa.keyId(intermediateKey.getPublic()),
              precertificateTbs);
      leaf.addExtension(
          new ASN1ObjectIdentifier(EmbeddedSct.EXTENSION_OID), false, new DEROctetString(sctList));
      return List.of(certificate(sign(leaf, intermediateKey.getPrivate())), intermediate, root);
    } catch (IOException | GeneralSecurityException e) {
      throw new SigstoreException("Fulcio", "cannot build the certificate: " + e.getMessage(), e);
    }
  }

  private X509Certificate caCertificate(
      X500Name issuer, X500Name subject, PublicKey subjectKey, KeyPair issuerKey, int pathLength)
      throws GeneralSecurityException {
    try {
      JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              serialNumber(),
              Date.from(createdAt),
              Date.from(createdAt.plus(CA_VALIDITY)),
              subject,
              subjectKey);
      builder
          .addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(
              Extension.basicConstraints,
              true,
              pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              extensionUtils.createSubjectKeyIdentifier(subjectKey));
      if (pathLength >= 0) {
        builder
            .addExtension(
                Extension.authorityKeyIdentifier,
                false,
                extensionUtils.createAuthorityKeyIdentifier(issuerKey.getPublic()))
            .addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      }
      return certificate(sign(builder, issuerKey.getPrivate()));
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot build a CA certificate", e);
    }
  }

  private static X509CertificateHolder sign(X509v3CertificateBuilder builder, PrivateKey key) {
    return builder.build(new JdkContentSigner(key));
  }

  private static X509Certificate certificate(X509CertificateHolder holder)
      throws GeneralSecurityException, IOException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, ORGANIZATION)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  // Positive and at most 20 octets, as RFC 5280 requires and Fulcio issues.
  private BigInteger serialNumber() {
    return new BigInteger(159, random);
  }
}
