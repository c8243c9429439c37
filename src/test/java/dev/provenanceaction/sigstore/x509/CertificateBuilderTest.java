package dev.provenanceaction.sigstore.x509;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.provenanceaction.sigstore.Ecdsa;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The DER builder must encode exactly what BouncyCastle's certificate builder encoded before. */
class CertificateBuilderTest {
  private static final String ORGANIZATION = "provenance-action ephemeral (proves nothing)";
  private static final BigInteger SERIAL =
      new BigInteger("5a3b9c00ff1e2d3c4b5a69788796a5b4c3d2e1f", 16);
  private final KeyPair issuerKey = Ecdsa.generateP384();
  private final KeyPair subjectKey = Ecdsa.generateP256();

  @Test
  void caCertificatesMatchBouncyCastle() throws Exception {
    for (int pathLength : new int[] {-1, 0}) {
      Instant notBefore = Instant.parse("2026-01-01T10:20:30.999Z");
      Instant notAfter = Instant.parse("2050-01-01T00:00:00Z");
      X509v3CertificateBuilder expected =
          new JcaX509v3CertificateBuilder(
              bcName("ephemeral-root"),
              SERIAL,
              Date.from(notBefore),
              Date.from(notAfter),
              bcName("ephemeral-intermediate"),
              subjectKey.getPublic());
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      expected
          .addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(
              Extension.basicConstraints,
              true,
              pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              utils.createSubjectKeyIdentifier(subjectKey.getPublic()))
          .addExtension(
              Extension.authorityKeyIdentifier,
              false,
              utils.createAuthorityKeyIdentifier(issuerKey.getPublic()))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));

      CertificateBuilder actual =
          new CertificateBuilder(
                  Extensions.name(ORGANIZATION, "ephemeral-root"),
                  SERIAL,
                  notBefore,
                  notAfter,
                  Extensions.name(ORGANIZATION, "ephemeral-intermediate"),
                  subjectKey.getPublic())
              .addExtension(
                  Extensions.KEY_USAGE,
                  true,
                  Extensions.keyUsage(Extensions.KEY_CERT_SIGN | Extensions.CRL_SIGN))
              .addExtension(
                  Extensions.BASIC_CONSTRAINTS, true, Extensions.caBasicConstraints(pathLength))
              .addExtension(
                  Extensions.SUBJECT_KEY_IDENTIFIER,
                  false,
                  Extensions.subjectKeyIdentifier(subjectKey.getPublic()))
              .addExtension(
                  Extensions.AUTHORITY_KEY_IDENTIFIER,
                  false,
                  Extensions.authorityKeyIdentifier(issuerKey.getPublic()))
              .addExtension(Extensions.EXTENDED_KEY_USAGE, false, Extensions.codeSigningUsage());

      assertArrayEquals(tbs(expected), actual.tbsCertificate(), "path length " + pathLength);
    }
  }

  @Test
  void leafCertificatesMatchBouncyCastle() throws Exception {
    Instant notBefore = Instant.parse("1949-12-31T23:59:59Z");
    Instant notAfter = Instant.parse("1950-01-01T00:09:59Z");
    String uri = "https://github.com/o/r/.github/workflows/r\u00e9l\u20acase.yml@refs/tags/v1";
    String claim = "refs/tags/v\u00e9\u20ac\ud83d\ude00-" + "x".repeat(200);
    byte[] sctList = new byte[300];
    X509v3CertificateBuilder expected =
        new JcaX509v3CertificateBuilder(
            bcName("ephemeral-intermediate"),
            SERIAL,
            Date.from(notBefore),
            Date.from(notAfter),
            new X500Name(new RDN[0]),
            subjectKey.getPublic());
    expected
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(
            Extension.subjectAlternativeName,
            true,
            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)))
        .addExtension(
            Extension.issuerAlternativeName,
            false,
            new GeneralNames(new GeneralName(GeneralName.rfc822Name, "a@example.com")))
        .addExtension(
            new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.6"),
            false,
            claim.getBytes(StandardCharsets.UTF_8))
        .addExtension(
            new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.14"), false, new DERUTF8String(claim))
        .addExtension(
            new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"),
            false,
            new DEROctetString(sctList));

    CertificateBuilder actual =
        new CertificateBuilder(
                Extensions.name(ORGANIZATION, "ephemeral-intermediate"),
                SERIAL,
                notBefore,
                notAfter,
                Extensions.EMPTY_NAME,
                subjectKey.getPublic())
            .addExtension(
                Extensions.KEY_USAGE, true, Extensions.keyUsage(Extensions.DIGITAL_SIGNATURE))
            .addExtension(
                Extensions.SUBJECT_ALTERNATIVE_NAME,
                true,
                Extensions.subjectAlternativeName(Extensions.URI, uri))
            .addExtension(
                "2.5.29.18",
                false,
                Extensions.subjectAlternativeName(Extensions.RFC822_NAME, "a@example.com"))
            .addExtension("1.3.6.1.4.1.57264.1.6", false, claim.getBytes(StandardCharsets.UTF_8))
            .addExtension("1.3.6.1.4.1.57264.1.14", false, Der.utf8String(claim))
            .addExtension("1.3.6.1.4.1.11129.2.4.2", false, Der.octetString(sctList));

    assertArrayEquals(tbs(expected), actual.tbsCertificate());
  }

  @Test
  void signedCertificateHoldsTheTbsAndVerifiesWithTheIssuerKey() throws Exception {
    CertificateBuilder builder =
        new CertificateBuilder(
                Extensions.name(ORGANIZATION, "ephemeral-root"),
                SERIAL,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:10:00Z"),
                Extensions.EMPTY_NAME,
                subjectKey.getPublic())
            .addExtension(
                Extensions.KEY_USAGE, true, Extensions.keyUsage(Extensions.DIGITAL_SIGNATURE))
            .addExtension(
                Extensions.SUBJECT_ALTERNATIVE_NAME,
                true,
                Extensions.subjectAlternativeName(Extensions.URI, "https://example.com/w"));

    X509Certificate certificate = builder.sign(issuerKey.getPrivate());

    certificate.verify(issuerKey.getPublic());
    assertArrayEquals(builder.tbsCertificate(), certificate.getTBSCertificate());
    assertEquals("SHA384withECDSA", certificate.getSigAlgName());
    assertEquals(SERIAL, certificate.getSerialNumber());
    assertEquals(Instant.parse("2026-01-01T00:10:00Z"), certificate.getNotAfter().toInstant());
    assertEquals(
        "CN=ephemeral-root,O=provenance-action ephemeral (proves nothing)",
        certificate.getIssuerX500Principal().getName());
  }

  private static X500Name bcName(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, ORGANIZATION)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  private byte[] tbs(X509v3CertificateBuilder builder) throws Exception {
    return builder
        .build(new JcaContentSignerBuilder("SHA384withECDSA").build(issuerKey.getPrivate()))
        .toASN1Structure()
        .getTBSCertificate()
        .getEncoded(ASN1Encoding.DER);
  }
}
