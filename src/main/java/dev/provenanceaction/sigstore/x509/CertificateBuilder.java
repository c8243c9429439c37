package dev.provenanceaction.sigstore.x509;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An X.509 v3 certificate signed with ECDSA and SHA-384, assembled field by field in DER, laid out
 * as BouncyCastle's certificate builder lays it out. Written here because BouncyCastle's builder
 * cost an ephemeral run about 40 ms at start-up: its ASN.1 classes, and the SimpleDateFormat and
 * locale data behind its validity times.
 */
public final class CertificateBuilder {
  private static final byte[] ECDSA_WITH_SHA384 =
      Der.sequence(Der.objectIdentifier("1.2.840.10045.4.3.3"));

  private final List<byte[]> fields = new ArrayList<>();
  private final List<byte[]> extensions = new ArrayList<>();

  /**
   * @param issuerName the DER Name of the issuer, as {@link Extensions#name} makes it
   * @param serialNumber positive, at most 20 octets
   * @param notBefore first second of validity
   * @param notAfter last second of validity
   * @param subjectName the DER Name of the subject ({@link Extensions#EMPTY_NAME} for a leaf whose
   *     identity is its subject alternative name)
   * @param subjectKey the certified key
   */
  public CertificateBuilder(
      byte[] issuerName,
      BigInteger serialNumber,
      Instant notBefore,
      Instant notAfter,
      byte[] subjectName,
      PublicKey subjectKey) {
    fields.add(Der.explicit(0, Der.integer(BigInteger.TWO))); // v3
    fields.add(Der.integer(serialNumber));
    fields.add(ECDSA_WITH_SHA384);
    fields.add(issuerName.clone());
    fields.add(Der.sequence(Der.time(notBefore), Der.time(notAfter)));
    fields.add(subjectName.clone());
    fields.add(subjectKey.getEncoded());
  }

  /**
   * Adds an extension after those added before.
   *
   * @param oid the extension's dotted object identifier
   * @param critical whether a verifier that does not know it must reject the certificate
   * @param value the DER of the extension's value, which the certificate wraps in an OCTET STRING
   */
  public CertificateBuilder addExtension(String oid, boolean critical, byte[] value) {
    extensions.add(
        critical
            ? Der.sequence(Der.objectIdentifier(oid), Der.booleanTrue(), Der.octetString(value))
            : Der.sequence(Der.objectIdentifier(oid), Der.octetString(value)));
    return this;
  }

  /** The DER TBSCertificate with the extensions added so far. */
  public byte[] tbsCertificate() {
    List<byte[]> tbs = new ArrayList<>(fields);
    if (!extensions.isEmpty()) {
      tbs.add(Der.explicit(3, Der.sequence(extensions)));
    }
    return Der.sequence(tbs);
  }

  /**
   * Signs the TBSCertificate with the issuer's EC key.
   *
   * @throws GeneralSecurityException if the key cannot sign or the JDK rejects the certificate
   */
  public X509Certificate sign(PrivateKey issuerKey) throws GeneralSecurityException {
    byte[] tbs = tbsCertificate();
    Signature signature = Signature.getInstance("SHA384withECDSA");
    signature.initSign(issuerKey);
    signature.update(tbs);
    byte[] certificate = Der.sequence(tbs, ECDSA_WITH_SHA384, Der.bitString(signature.sign()));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(certificate));
  }
}
