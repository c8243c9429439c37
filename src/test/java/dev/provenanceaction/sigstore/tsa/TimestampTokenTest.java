package dev.provenanceaction.sigstore.tsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.Sha256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.Test;

/**
 * Tokens of the forms other authorities sign (RSA and Ed25519 keys, the SHA-1 ESSCertID of RFC
 * 2634), made by BouncyCastle's generator, and the checks of {@link TimestampToken#checkSignedBy}
 * that real answers of Sigstore's authorities never fail.
 */
class TimestampTokenTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final byte[] SIGNATURE = "a signature".getBytes(StandardCharsets.UTF_8);

  /** A self-signed authority certificate of this key, valid for a day from an hour ago. */
  private static X509Certificate certificate(KeyPair key, String algorithm, boolean timeStamping)
      throws Exception {
    return certificate(key, algorithm, timeStamping, null);
  }

  /** The same, with this subject key identifier if it is not null. */
  private static X509Certificate certificate(
      KeyPair key, String algorithm, boolean timeStamping, byte[] keyIdentifier) throws Exception {
    X500Name name = new X500Name("CN=test-tsa");
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(System.nanoTime()),
            Date.from(NOW.minus(Duration.ofHours(1))),
            Date.from(NOW.plus(Duration.ofDays(1))),
            name,
            key.getPublic());
    if (timeStamping) {
      builder.addExtension(
          Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    } else {
      builder.addExtension(
          Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    }
    if (keyIdentifier != null) {
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate())));
  }

  private static KeyPair key(String algorithm, Object parameter) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (parameter instanceof Integer bits) {
      generator.initialize(bits);
    } else if (parameter instanceof String curve) {
      generator.initialize(new ECGenParameterSpec(curve));
    }
    return generator.generateKeyPair();
  }

  /** BouncyCastle's token over {@link #SIGNATURE}, its ESSCertID hashed with {@code certIdHash}. */
  private static TimestampToken token(
      KeyPair key,
      X509Certificate signer,
      String algorithm,
      AlgorithmIdentifier certIdHash,
      Instant time)
      throws Exception {
    byte[] der = response(key, signer, algorithm, certIdHash, time).getEncoded();
    return TimestampResponse.parse(der).token().orElseThrow();
  }

  private static TimeStampResponse response(
      KeyPair key,
      X509Certificate signer,
      String algorithm,
      AlgorithmIdentifier certIdHash,
      Instant time)
      throws Exception {
    TimeStampTokenGenerator tokens =
        new TimeStampTokenGenerator(
            new JcaSimpleSignerInfoGeneratorBuilder().build(algorithm, key.getPrivate(), signer),
            new JcaDigestCalculatorProviderBuilder().build().get(certIdHash),
            new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"));
    return new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
        .generate(
            new TimeStampRequestGenerator()
                .generate(TSPAlgorithms.SHA256, Sha256.of(SIGNATURE), BigInteger.TEN),
            BigInteger.ONE,
            Date.from(time));
  }

  /**
   * BouncyCastle's token for {@code signer}, its SignerInfo rewritten to name the signer by this
   * subject key identifier (RFC 5652's version 3 form), as some authorities do. The signature
   * covers the signed attributes only, so it still verifies.
   */
  private static TimestampToken namedByKeyIdentifier(
      KeyPair key, X509Certificate signer, byte[] keyIdentifier) throws Exception {
    ContentInfo token =
        response(key, signer, "SHA256withECDSA", SHA256, NOW)
            .getTimeStampToken()
            .toCMSSignedData()
            .toASN1Structure();
    SignedData data = SignedData.getInstance(token.getContent());
    SignerInfo byIssuer = SignerInfo.getInstance(data.getSignerInfos().getObjectAt(0));
    SignerInfo byKey =
        new SignerInfo(
            new SignerIdentifier(new DEROctetString(keyIdentifier)),
            byIssuer.getDigestAlgorithm(),
            byIssuer.getAuthenticatedAttributes(),
            byIssuer.getDigestEncryptionAlgorithm(),
            byIssuer.getEncryptedDigest(),
            byIssuer.getUnauthenticatedAttributes());
    SignedData renamed =
        new SignedData(
            data.getDigestAlgorithms(),
            data.getEncapContentInfo(),
            data.getCertificates(),
            data.getCRLs(),
            new DERSet(byKey));
    return TimestampToken.parse(
        new ContentInfo(CMSObjectIdentifiers.signedData, renamed).getEncoded(ASN1Encoding.DER));
  }

  private static final AlgorithmIdentifier SHA256 =
      new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

  @Test
  void tokensOfEcdsaRsaAndEd25519KeysVerify() throws Exception {
    Object[][] kinds = {
      {"EC", "secp256r1", "SHA256withECDSA"},
      {"EC", "secp384r1", "SHA384withECDSA"},
      {"RSA", 2048, "SHA256withRSA"},
      {"Ed25519", null, "Ed25519"},
    };
    for (Object[] kind : kinds) {
      KeyPair key = key((String) kind[0], kind[1]);
      X509Certificate signer = certificate(key, (String) kind[2], true);
      TimestampToken token = token(key, signer, (String) kind[2], SHA256, NOW);

      token.checkSignedBy(signer);
      assertEquals(NOW, token.genTime(), kind[2] + "");
      assertEquals(BigInteger.TEN, token.nonce().orElseThrow());
    }
  }

  @Test
  void aSha1EssCertIdOfRfc2634Verifies() throws Exception {
    KeyPair key = key("EC", "secp256r1");
    X509Certificate signer = certificate(key, "SHA256withECDSA", true);

    token(key, signer, "SHA256withECDSA", new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1), NOW)
        .checkSignedBy(signer);
  }

  @Test
  void aSignerNamedByKeyIdentifierIsTheCertificateOfThatIdentifier() throws Exception {
    KeyPair key = key("EC", "secp256r1");
    byte[] keyIdentifier = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f1011121314");
    X509Certificate signer = certificate(key, "SHA256withECDSA", true, keyIdentifier);
    X509Certificate unnamed = certificate(key, "SHA256withECDSA", true);

    namedByKeyIdentifier(key, signer, keyIdentifier).checkSignedBy(signer);
    byte[] otherIdentifier = keyIdentifier.clone();
    otherIdentifier[0] ^= 1;
    TimestampException other =
        assertThrows(
            TimestampException.class,
            () -> namedByKeyIdentifier(key, signer, otherIdentifier).checkSignedBy(signer));
    assertEquals("its signer identifier names another certificate", other.getMessage());
    TimestampException none =
        assertThrows(
            TimestampException.class,
            () -> namedByKeyIdentifier(key, unnamed, keyIdentifier).checkSignedBy(unnamed));
    assertEquals("its signer identifier names another certificate", none.getMessage());
  }

  @Test
  void anotherCertificateOfTheSameKeyIsNotTheSigner() throws Exception {
    KeyPair key = key("EC", "secp256r1");
    X509Certificate signer = certificate(key, "SHA256withECDSA", true);
    X509Certificate twin = certificate(key, "SHA256withECDSA", true);
    TimestampToken token = token(key, signer, "SHA256withECDSA", SHA256, NOW);

    TimestampException error =
        assertThrows(TimestampException.class, () -> token.checkSignedBy(twin));
    assertEquals("its ESSCertID names another certificate", error.getMessage());
  }

  @Test
  void aCertificateForAnotherUseThanTimeStampingIsRefused() throws Exception {
    KeyPair key = key("EC", "secp256r1");
    TimestampToken token =
        token(key, certificate(key, "SHA256withECDSA", true), "SHA256withECDSA", SHA256, NOW);
    X509Certificate codeSigning = certificate(key, "SHA256withECDSA", false);

    TimestampException error =
        assertThrows(TimestampException.class, () -> token.checkSignedBy(codeSigning));
    assertTrue(error.getMessage().contains("extended key usage"), error.getMessage());
  }

  @Test
  void aTokenFromOutsideTheCertificatesValidityIsRefused() throws Exception {
    KeyPair key = key("EC", "secp256r1");
    X509Certificate signer = certificate(key, "SHA256withECDSA", true);
    Instant late = NOW.plus(Duration.ofDays(2));
    TimestampToken token = token(key, signer, "SHA256withECDSA", SHA256, late);

    TimestampException error =
        assertThrows(TimestampException.class, () -> token.checkSignedBy(signer));
    assertEquals("the certificate was not valid at the token's time " + late, error.getMessage());
  }

  @Test
  void aSignatureOfAnotherKeyIsRefused() throws Exception {
    KeyPair key = key("EC", "secp256r1");
    X509Certificate signer = certificate(key, "SHA256withECDSA", true);
    PublicKey other = key("EC", "secp256r1").getPublic();
    // The other key's token names this certificate: only the signature tells them apart.
    KeyPair impostor = new KeyPair(other, key("EC", "secp256r1").getPrivate());
    TimestampToken token = token(impostor, signer, "SHA256withECDSA", SHA256, NOW);

    TimestampException error =
        assertThrows(TimestampException.class, () -> token.checkSignedBy(signer));
    assertEquals("its signature does not verify with the certificate's key", error.getMessage());
  }

  @Test
  void aTokenSaysItsImprintAlgorithmAndImprint() throws Exception {
    KeyPair key = key("EC", "secp256r1");
    X509Certificate signer = certificate(key, "SHA256withECDSA", true);
    TimestampToken token = token(key, signer, "SHA256withECDSA", SHA256, NOW);

    assertEquals(TimestampToken.SHA256, token.imprintAlgorithm());
    assertEquals(Sha256.hex(SIGNATURE), HexFormat.of().formatHex(token.imprint()));
  }
}
