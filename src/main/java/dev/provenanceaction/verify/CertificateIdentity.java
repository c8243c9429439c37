package dev.provenanceaction.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * Who a Fulcio certificate says signed: its subject alternative name and the GitHub Actions claims
 * Fulcio copied from the OIDC token into extensions under {@code 1.3.6.1.4.1.57264.1}.
 *
 * @param subjectAlternativeName the URI (for a workflow), email or Fulcio username of the signer,
 *     empty if none
 * @param issuer the OIDC issuer, empty if the certificate has none
 * @param buildSignerUri the workflow that signed ({@code .9}), empty if absent
 * @param sourceRepositoryUri the repository the build ran for ({@code .12}), empty if absent
 * @param sourceRef the git ref the build ran for ({@code .14}), empty if absent
 */
public record CertificateIdentity(
    String subjectAlternativeName,
    Optional<String> issuer,
    Optional<String> buildSignerUri,
    Optional<String> sourceRepositoryUri,
    Optional<String> sourceRef) {
  private static final String OID_PREFIX = "1.3.6.1.4.1.57264.1.";
  private static final String LEGACY_ISSUER = OID_PREFIX + "1";
  private static final String ISSUER = OID_PREFIX + "8";
  private static final String BUILD_SIGNER_URI = OID_PREFIX + "9";
  private static final String SOURCE_REPOSITORY_URI = OID_PREFIX + "12";
  private static final String SOURCE_REF = OID_PREFIX + "14";

  private static final String USERNAME = OID_PREFIX + "7";

  private static final int SAN_OTHER_NAME = 0;
  private static final int SAN_EMAIL = 1;
  private static final int SAN_URI = 6;

  /**
   * Reads the identity of a certificate.
   *
   * @throws PolicyException if the SAN or an extension is not encoded the way Fulcio writes it
   */
  public static CertificateIdentity of(X509Certificate certificate) throws PolicyException {
    try {
      return read(certificate);
    } catch (IllegalArgumentException e) {
      throw new PolicyException(
          PolicyCheck.CERTIFICATE_IDENTITY, "a certificate as Fulcio encodes it", e.getMessage());
    }
  }

  private static CertificateIdentity read(X509Certificate certificate) {
    Optional<String> issuer = derUtf8(certificate, ISSUER);
    if (issuer.isEmpty()) {
      // Fulcio wrote the issuer as raw bytes under .1 before it had the DER-encoded .8.
      issuer = raw(certificate, LEGACY_ISSUER);
    }
    return new CertificateIdentity(
        subjectAlternativeName(certificate),
        issuer,
        derUtf8(certificate, BUILD_SIGNER_URI),
        derUtf8(certificate, SOURCE_REPOSITORY_URI),
        derUtf8(certificate, SOURCE_REF));
  }

  private static String subjectAlternativeName(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return "";
      }
      return names.stream()
          .map(CertificateIdentity::identity)
          .flatMap(Optional::stream)
          .findFirst()
          .orElse("");
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException("unreadable subject alternative name", e);
    }
  }

  /**
   * A URI or e-mail name, or the otherName Fulcio writes for a username identity ({@code
   * user!issuer-host}, type {@code 1.3.6.1.4.1.57264.1.7}).
   */
  private static Optional<String> identity(List<?> name) {
    int type = (Integer) name.get(0);
    if (type == SAN_URI || type == SAN_EMAIL) {
      return Optional.of((String) name.get(1));
    }
    if (type != SAN_OTHER_NAME) {
      return Optional.empty();
    }
    try {
      // SEQUENCE { type-id, [0] value }; the JDK hands the value back under one more [0].
      ASN1Sequence other =
          ASN1Sequence.getInstance(ASN1Primitive.fromByteArray((byte[]) name.get(1)));
      if (!ASN1ObjectIdentifier.getInstance(other.getObjectAt(0)).getId().equals(USERNAME)) {
        return Optional.empty();
      }
      ASN1Primitive value = other.getObjectAt(1).toASN1Primitive();
      while (value instanceof ASN1TaggedObject tagged) {
        value = tagged.getBaseObject().toASN1Primitive();
      }
      if (value instanceof ASN1String string) {
        return Optional.of(string.getString());
      }
      throw new IllegalArgumentException("its value is not a string");
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("unreadable otherName subject alternative name", e);
    }
  }

  private static Optional<String> raw(X509Certificate certificate, String oid) {
    return octets(certificate, oid).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  private static Optional<String> derUtf8(X509Certificate certificate, String oid) {
    return octets(certificate, oid)
        .map(
            bytes -> {
              try {
                if (ASN1Primitive.fromByteArray(bytes) instanceof ASN1String string) {
                  return string.getString();
                }
              } catch (IOException e) {
                throw new IllegalArgumentException("extension " + oid + " is not DER", e);
              }
              throw new IllegalArgumentException("extension " + oid + " is not a DER string");
            });
  }

  /** The extension's value: the contents of the OCTET STRING that getExtensionValue wraps it in. */
  private static Optional<byte[]> octets(X509Certificate certificate, String oid) {
    byte[] extension = certificate.getExtensionValue(oid);
    if (extension == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ASN1OctetString.getInstance(extension).getOctets());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("extension " + oid + " is not an OCTET STRING", e);
    }
  }
}
