package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.provenanceaction.sigstore.x509.Der;
import dev.provenanceaction.sigstore.x509.DerReader;
import dev.sigstore.encryption.certificates.transparency.CTVerificationResult;
import dev.sigstore.encryption.certificates.transparency.CertificateEntry;
import dev.sigstore.encryption.certificates.transparency.Serialization;
import dev.sigstore.encryption.certificates.transparency.SerializationException;
import dev.sigstore.encryption.certificates.transparency.SignedCertificateTimestamp;
import dev.sigstore.encryption.certificates.transparency.VerifiedSCT;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the SCTs embedded in a leaf as sigstore-java's {@code CTVerifier} does, with its SCT
 * parsing, but for two things. The precertificate's TBS is rebuilt here from the leaf's DER, where
 * {@code CTVerifier} re-encodes the whole TBS through BouncyCastle's ASN.1 classes, which cost 60
 * ms of a start without a class-data archive; for a DER leaf, as X.509 requires, both give the same
 * bytes. And the signature is checked with the algorithm the trusted root names for the log's key,
 * not the one the SCT claims.
 */
final class EmbeddedScts {
  static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";
  private static final byte[] SCT_LIST = Der.objectIdentifier(SCT_LIST_OID);
  private static final byte[] POISON = Der.objectIdentifier("1.3.6.1.4.1.11129.2.4.3");
  private static final int EXTENSIONS_TAG = 0xa3;
  private static final int SCT_LIST_LENGTH_BYTES = 2;
  private static final int SCT_LENGTH_BYTES = 2;

  private EmbeddedScts() {}

  /**
   * Each SCT of the leaf that parses, with its status; SCTs that do not parse are left out, and all
   * are {@code INVALID_SCT} when there is no issuer or no precertificate to be had.
   *
   * @param chain the leaf, then its issuer
   * @param root the trusted CT logs
   */
  static CTVerificationResult verify(List<X509Certificate> chain, TrustedRoot root) {
    CTVerificationResult result = new CTVerificationResult();
    List<SignedCertificateTimestamp> scts = scts(chain.get(0));
    if (scts.isEmpty()) {
      return result;
    }
    CertificateEntry precertificate = chain.size() < 2 ? null : precertificate(chain);
    for (SignedCertificateTimestamp sct : scts) {
      Optional<Log> log = root.ctLog(sct.getLogID());
      VerifiedSCT.Status status =
          precertificate == null
              ? VerifiedSCT.Status.INVALID_SCT
              : log.isEmpty()
                  ? VerifiedSCT.Status.UNKNOWN_LOG
                  : check(sct, precertificate, log.get());
      result.add(new VerifiedSCT(sct, status));
    }
    return result;
  }

  private static VerifiedSCT.Status check(
      SignedCertificateTimestamp sct, CertificateEntry precertificate, Log log) {
    byte[] signed;
    try {
      signed = sct.encodeTBS(precertificate);
    } catch (SerializationException e) {
      return VerifiedSCT.Status.INVALID_SCT;
    }
    return log.verifies(signed, sct.getSignature().getSignature())
        ? VerifiedSCT.Status.VALID
        : VerifiedSCT.Status.INVALID_SIGNATURE;
  }

  private static List<SignedCertificateTimestamp> scts(X509Certificate leaf) {
    byte[] extension = leaf.getExtensionValue(SCT_LIST_OID);
    if (extension == null) {
      return List.of();
    }
    byte[][] encoded;
    try {
      encoded =
          Serialization.readList(
              Serialization.readDEROctetString(Serialization.readDEROctetString(extension)),
              SCT_LIST_LENGTH_BYTES,
              SCT_LENGTH_BYTES);
    } catch (SerializationException e) {
      return List.of();
    }
    List<SignedCertificateTimestamp> scts = new ArrayList<>();
    for (byte[] sct : encoded) {
      try {
        scts.add(
            SignedCertificateTimestamp.decode(sct, SignedCertificateTimestamp.Origin.EMBEDDED));
      } catch (SerializationException e) {
        // Like CTVerifier: an SCT that does not parse counts as absent.
      }
    }
    return scts;
  }

  /** Null when the SCT list is a critical extension: then it names no precertificate. */
  private static CertificateEntry precertificate(List<X509Certificate> chain) {
    X509Certificate leaf = chain.get(0);
    Set<String> nonCritical = leaf.getNonCriticalExtensionOIDs();
    if (nonCritical == null || !nonCritical.contains(SCT_LIST_OID)) {
      return null;
    }
    try {
      return CertificateEntry.createForPrecertificate(
          precertificateTbs(leaf.getTBSCertificate()),
          MessageDigest.getInstance("SHA-256").digest(chain.get(1).getPublicKey().getEncoded()));
    } catch (CertificateEncodingException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * RFC 6962's precertificate TBS: the leaf's TBS without the SCT list and poison extensions. Each
   * kept extension is written in DER as BouncyCastle writes it (critical only when true).
   */
  static byte[] precertificateTbs(byte[] tbs) {
    List<byte[]> fields = new ArrayList<>();
    for (byte[] field : DerReader.children(tbs)) {
      if ((field[0] & 0xff) != EXTENSIONS_TAG) {
        fields.add(field);
        continue;
      }
      List<byte[]> extensions = new ArrayList<>();
      for (byte[] extension : DerReader.children(DerReader.children(field).get(0))) {
        List<byte[]> parts = DerReader.children(extension);
        byte[] oid = parts.get(0);
        if (Arrays.equals(oid, SCT_LIST) || Arrays.equals(oid, POISON)) {
          continue;
        }
        boolean critical = parts.size() == 3 && DerReader.content(parts.get(1))[0] != 0;
        byte[] value = parts.get(parts.size() - 1);
        extensions.add(
            critical ? Der.sequence(oid, Der.booleanTrue(), value) : Der.sequence(oid, value));
      }
      fields.add(Der.explicit(3, Der.sequence(extensions)));
    }
    return Der.sequence(fields);
  }
}
