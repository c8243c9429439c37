package dev.provenanceaction.sigstore.tsa;

import dev.provenanceaction.sigstore.x509.Der;
import dev.provenanceaction.sigstore.x509.DerReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * The CMS {@code SignerInfo} (RFC 5652 section 5.3) of a time-stamp token, with the signed
 * attributes RFC 3161 requires: content type, message digest, and the signing certificate's {@code
 * ESSCertID} (RFC 2634) or {@code ESSCertIDv2} (RFC 5035).
 */
record CmsSignerInfo(
    Optional<IssuerSerial> issuerAndSerial,
    Optional<byte[]> subjectKeyIdentifier,
    String digestAlgorithm,
    byte[] signedAttributes,
    byte[] messageDigest,
    Optional<Instant> signingTime,
    List<CertId> certIds,
    String signatureAlgorithm,
    byte[] signature) {
  private static final String CONTENT_TYPE = "1.2.840.113549.1.9.3";
  private static final String MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
  private static final String SIGNING_TIME = "1.2.840.113549.1.9.5";
  private static final String SIGNING_CERTIFICATE = "1.2.840.113549.1.9.16.2.12";
  private static final String SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47";
  private static final Set<String> READ =
      Set.of(
          CONTENT_TYPE, MESSAGE_DIGEST, SIGNING_TIME, SIGNING_CERTIFICATE, SIGNING_CERTIFICATE_V2);
  private static final String SHA1 = "1.3.14.3.2.26";
  private static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
  private static final Map<String, String> DIGESTS =
      Map.of(
          TimestampToken.SHA256,
          "SHA-256",
          "2.16.840.1.101.3.4.2.2",
          "SHA-384",
          "2.16.840.1.101.3.4.2.3",
          "SHA-512");
  // Signature algorithms by OID; "*" stands for the SignerInfo's digest (RFC 5754, RFC 8419).
  private static final Map<String, String> SIGNATURES =
      Map.of(
          "1.2.840.10045.4.3.2", "SHA256withECDSA",
          "1.2.840.10045.4.3.3", "SHA384withECDSA",
          "1.2.840.10045.4.3.4", "SHA512withECDSA",
          "1.2.840.10045.2.1", "*withECDSA",
          "1.2.840.113549.1.1.11", "SHA256withRSA",
          "1.2.840.113549.1.1.12", "SHA384withRSA",
          "1.2.840.113549.1.1.13", "SHA512withRSA",
          "1.2.840.113549.1.1.1", "*withRSA",
          "1.3.101.112", "Ed25519");

  /** An {@code IssuerSerial} or {@code IssuerAndSerialNumber}: a certificate by its issuer. */
  record IssuerSerial(List<X500Principal> issuers, BigInteger serialNumber) {
    boolean names(X509Certificate certificate) {
      return serialNumber.equals(certificate.getSerialNumber())
          && issuers.contains(certificate.getIssuerX500Principal());
    }
  }

  /** A certificate's hash, by this digest algorithm, and maybe its issuer and serial number. */
  record CertId(String hashAlgorithm, byte[] hash, Optional<IssuerSerial> issuerSerial) {}

  static CmsSignerInfo parse(byte[] element) throws TimestampException {
    List<byte[]> fields = DerReader.children(element, Der.SEQUENCE);
    if (fields.size() < 6 || DerReader.tag(fields.get(3)) != Der.CONTEXT_CONSTRUCTED) {
      throw new TimestampException("a time-stamp token's SignerInfo has signed attributes");
    }
    if (fields.size() > 7
        || (fields.size() == 7 && DerReader.tag(fields.get(6)) != (Der.CONTEXT_CONSTRUCTED | 1))) {
      throw new TimestampException(
          "a SignerInfo has unsigned attributes after its signature, no more");
    }
    Optional<IssuerSerial> issuerAndSerial = Optional.empty();
    Optional<byte[]> keyIdentifier = Optional.empty();
    boolean byIssuer = DerReader.tag(fields.get(1)) == Der.SEQUENCE;
    if (!BigInteger.valueOf(byIssuer ? 1 : 3).equals(DerReader.integerOf(fields.get(0)))) {
      throw new TimestampException("a SignerInfo's version is not its signer identifier's");
    }
    if (byIssuer) {
      List<byte[]> sid = DerReader.children(fields.get(1));
      issuerAndSerial =
          Optional.of(
              new IssuerSerial(
                  List.of(new X500Principal(DerReader.only(sid.subList(0, 1)))),
                  DerReader.integerOf(DerReader.only(sid.subList(1, sid.size())))));
    } else {
      keyIdentifier = Optional.of(DerReader.content(fields.get(1), Der.CONTEXT_PRIMITIVE));
    }
    Map<String, byte[]> attributes = new HashMap<>();
    for (byte[] attribute : DerReader.children(fields.get(3))) {
      List<byte[]> parts = DerReader.children(attribute, Der.SEQUENCE);
      if (parts.size() != 2) {
        throw new TimestampException("an attribute is a type and its values");
      }
      String type = DerReader.objectIdentifierOf(parts.get(0));
      List<byte[]> values = DerReader.children(parts.get(1), Der.SET);
      if (values.isEmpty() || attributes.put(type, values.get(0)) != null) {
        throw new TimestampException("the signed attribute " + type + " is empty or repeated");
      }
      // Those read here have one value (RFC 5652 section 11, RFC 5035); others may have more.
      if (values.size() > 1 && READ.contains(type)) {
        throw new TimestampException("the signed attribute " + type + " has more than one value");
      }
    }
    byte[] contentType = attributes.get(CONTENT_TYPE);
    if (contentType == null
        || !TimestampToken.TST_INFO.equals(DerReader.objectIdentifierOf(contentType))) {
      throw new TimestampException("its signed content-type attribute is not TSTInfo");
    }
    byte[] messageDigest = attributes.get(MESSAGE_DIGEST);
    if (messageDigest == null) {
      throw new TimestampException("it has no signed message-digest attribute");
    }
    byte[] signingTime = attributes.get(SIGNING_TIME);
    List<CertId> certIds = new ArrayList<>();
    if (attributes.containsKey(SIGNING_CERTIFICATE)) {
      certIds.add(certId(attributes.get(SIGNING_CERTIFICATE), false));
    }
    if (attributes.containsKey(SIGNING_CERTIFICATE_V2)) {
      certIds.add(certId(attributes.get(SIGNING_CERTIFICATE_V2), true));
    }
    if (certIds.isEmpty()) {
      throw new TimestampException("it names no signing certificate (no ESSCertID attribute)");
    }
    byte[] signedAttributes = fields.get(3).clone();
    signedAttributes[0] = (byte) Der.SET; // What is signed is the attributes' DER as a SET.
    return new CmsSignerInfo(
        issuerAndSerial,
        keyIdentifier,
        algorithmOf(fields.get(2)),
        signedAttributes,
        DerReader.content(messageDigest, Der.OCTET_STRING),
        signingTime == null
            ? Optional.empty()
            : Optional.of(
                DerReader.tag(signingTime) == Der.UTC_TIME
                    ? DerReader.utcTimeOf(signingTime)
                    : DerReader.generalizedTimeOf(signingTime)),
        certIds,
        algorithmOf(fields.get(4)),
        DerReader.content(fields.get(5), Der.OCTET_STRING));
  }

  /** The first certificate of a {@code SigningCertificate} or {@code SigningCertificateV2}. */
  private static CertId certId(byte[] value, boolean v2) {
    List<byte[]> first =
        DerReader.children(
            DerReader.children(DerReader.children(value, Der.SEQUENCE).get(0)).get(0));
    int at = 0;
    String algorithm = v2 ? TimestampToken.SHA256 : SHA1;
    if (v2 && DerReader.tag(first.get(0)) == Der.SEQUENCE) {
      algorithm = algorithmOf(first.get(at++));
    }
    byte[] hash = DerReader.content(first.get(at++), Der.OCTET_STRING);
    Optional<IssuerSerial> issuerSerial = Optional.empty();
    if (at < first.size()) {
      List<byte[]> parts = DerReader.children(first.get(at), Der.SEQUENCE);
      List<X500Principal> issuers = new ArrayList<>();
      for (byte[] name : DerReader.children(parts.get(0), Der.SEQUENCE)) {
        if (DerReader.tag(name)
            == (Der.CONTEXT_CONSTRUCTED | 4)) { // directoryName [4] EXPLICIT Name
          issuers.add(new X500Principal(DerReader.only(DerReader.children(name))));
        }
      }
      issuerSerial = Optional.of(new IssuerSerial(issuers, DerReader.integerOf(parts.get(1))));
    }
    return new CertId(algorithm, hash, issuerSerial);
  }

  /** The object identifier of an {@code AlgorithmIdentifier}; its parameters are not read. */
  static String algorithmOf(byte[] element) {
    List<byte[]> parts = DerReader.children(element, Der.SEQUENCE);
    if (parts.isEmpty() || parts.size() > 2) {
      throw new IllegalArgumentException("an AlgorithmIdentifier is an OID and its parameters");
    }
    return DerReader.objectIdentifierOf(parts.get(0));
  }

  void checkSignedBy(X509Certificate certificate, byte[] tstInfo, Instant genTime)
      throws TimestampException {
    try {
      Set<String> critical = certificate.getCriticalExtensionOIDs();
      if (!List.of(TIME_STAMPING).equals(certificate.getExtendedKeyUsage())
          || critical == null
          || !critical.contains(EXTENDED_KEY_USAGE)) {
        throw new TimestampException(
            "the certificate's extended key usage is not time stamping alone, marked critical");
      }
    } catch (CertificateParsingException e) {
      throw new TimestampException("the certificate's extended key usage: " + e.getMessage());
    }
    byte[] encoded;
    try {
      encoded = certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new TimestampException("the certificate cannot be encoded: " + e.getMessage());
    }
    for (CertId id : certIds) {
      String name = SHA1.equals(id.hashAlgorithm()) ? "SHA-1" : DIGESTS.get(id.hashAlgorithm());
      if (name == null) {
        throw new TimestampException("its ESSCertID hashes with " + id.hashAlgorithm());
      }
      if (!MessageDigest.isEqual(digest(name, encoded), id.hash())
          || !id.issuerSerial().map(serial -> serial.names(certificate)).orElse(true)) {
        throw new TimestampException("its ESSCertID names another certificate");
      }
    }
    if (!issuerAndSerial.map(serial -> serial.names(certificate)).orElse(true)
        || !subjectKeyIdentifier.map(id -> keyIdentifierOf(certificate, id)).orElse(true)) {
      throw new TimestampException("its signer identifier names another certificate");
    }
    checkValidAt(certificate, genTime, "the token's time");
    if (signingTime.isPresent()) {
      checkValidAt(certificate, signingTime.get(), "its signing time");
    }
    String digest = DIGESTS.get(digestAlgorithm);
    if (digest == null) {
      throw new TimestampException("its SignerInfo digests with " + digestAlgorithm);
    }
    if (!MessageDigest.isEqual(digest(digest, tstInfo), messageDigest)) {
      throw new TimestampException("its message-digest attribute is not the TSTInfo's digest");
    }
    String algorithm = SIGNATURES.get(signatureAlgorithm);
    if (algorithm == null) {
      throw new TimestampException("it is signed with " + signatureAlgorithm);
    }
    try {
      Signature verifier = Signature.getInstance(algorithm.replace("*", digest.replace("-", "")));
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(signedAttributes);
      if (!verifier.verify(signature)) {
        throw new TimestampException("its signature does not verify with the certificate's key");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TimestampException(
          "its signature does not verify with the certificate's key: " + e.getMessage());
    }
  }

  private static boolean keyIdentifierOf(X509Certificate certificate, byte[] identifier) {
    byte[] extension = certificate.getExtensionValue(SUBJECT_KEY_IDENTIFIER);
    try {
      return extension != null
          && Arrays.equals(
              DerReader.content(DerReader.content(extension, Der.OCTET_STRING), Der.OCTET_STRING),
              identifier);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void checkValidAt(X509Certificate certificate, Instant time, String which)
      throws TimestampException {
    try {
      certificate.checkValidity(Date.from(time));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new TimestampException("the certificate was not valid at " + which + " " + time);
    }
  }

  private static byte[] digest(String algorithm, byte[] data) throws TimestampException {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (GeneralSecurityException e) {
      throw new TimestampException("no " + algorithm + " here: " + e.getMessage());
    }
  }
}
