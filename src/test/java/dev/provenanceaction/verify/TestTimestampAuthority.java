package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/** An RFC 3161 timestamp authority with throw-away keys: a root and a time-stamping leaf. */
final class TestTimestampAuthority {
  private final KeyPair signingKey = Ecdsa.generateP256();
  private final X509Certificate signer;
  private final X509Certificate root;
  private final Instant start;

  TestTimestampAuthority(Instant start) {
    this.start = start;
    try {
      KeyPair rootKey = Ecdsa.generateP256();
      X500Name rootName = new X500Name("CN=test-tsa-root");
      root =
          certificate(rootName, rootName, rootKey.getPublic(), rootKey.getPrivate(), true, false);
      signer =
          certificate(
              rootName,
              new X500Name("CN=test-tsa"),
              signingKey.getPublic(),
              rootKey.getPrivate(),
              false,
              true);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** This authority as a trusted root lists it: signing certificate, then root. */
  TrustedRoot.CertificateAuthorityEntry trustedRootEntry() {
    return new TrustedRoot.CertificateAuthorityEntry(
        URI.create("https://tsa.ephemeral.invalid"),
        "test",
        "test-tsa-root",
        List.of(signer, root),
        new TrustedRoot.ValidFor(start, null));
  }

  /** A DER time-stamp response for the SHA-256 of {@code signature}, signed at {@code time}. */
  byte[] timestamp(byte[] signature, Instant time) {
    try {
      TimeStampTokenGenerator tokens =
          new TimeStampTokenGenerator(
              new JcaSimpleSignerInfoGeneratorBuilder()
                  .build("SHA256withECDSA", signingKey.getPrivate(), signer),
              new JcaDigestCalculatorProviderBuilder()
                  .build()
                  .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
              new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"));
      tokens.addCertificates(new JcaCertStore(List.of(signer)));
      TimeStampRequest request =
          new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, Digests.sha256(signature));
      return new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
          .generate(request, BigInteger.ONE, Date.from(time))
          .getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate certificate(
      X500Name issuer,
      X500Name subject,
      PublicKey key,
      PrivateKey issuerKey,
      boolean authority,
      boolean timeStamping)
      throws Exception {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(System.nanoTime()),
            Date.from(start),
            // Long-lived: BouncyCastle also holds the certificate against the CMS signing time,
            // which its generator sets to the real now, whatever time the token states.
            Date.from(start.plus(Duration.ofDays(36500))),
            subject,
            key);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    if (timeStamping) {
      // RFC 3161 requires the signing certificate's only, critical, extended key usage.
      builder.addExtension(
          Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }
}
