package dev.provenanceaction.sigstore.tsa;

import dev.provenanceaction.sigstore.x509.Der;
import dev.provenanceaction.sigstore.x509.DerReader;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An RFC 3161 {@code TimeStampToken}: a CMS {@code SignedData} (RFC 5652) whose content is a {@code
 * TSTInfo} (RFC 3161 section 2.4.2) and whose one {@code SignerInfo} is the authority's. What it
 * says is read here; whether a given certificate signed it, {@link #checkSignedBy}.
 */
public final class TimestampToken {
  static final String SIGNED_DATA = "1.2.840.113549.1.7.2";
  static final String TST_INFO = "1.2.840.113549.1.9.16.1.4";

  /** id-sha256 (RFC 5754). */
  public static final String SHA256 = "2.16.840.1.101.3.4.2.1";

  private final String imprintAlgorithm;
  private final byte[] imprint;
  private final Instant genTime;
  private final Optional<BigInteger> nonce;
  private final byte[] tstInfo;
  private final CmsSignerInfo signer;

  private TimestampToken(
      String imprintAlgorithm,
      byte[] imprint,
      Instant genTime,
      Optional<BigInteger> nonce,
      byte[] tstInfo,
      CmsSignerInfo signer) {
    this.imprintAlgorithm = imprintAlgorithm;
    this.imprint = imprint;
    this.genTime = genTime;
    this.nonce = nonce;
    this.tstInfo = tstInfo;
    this.signer = signer;
  }

  /** Reads the {@code ContentInfo} of a token; DER malformations throw IllegalArgumentException. */
  static TimestampToken parse(byte[] contentInfo) throws TimestampException {
    List<byte[]> info = DerReader.children(contentInfo, Der.SEQUENCE);
    if (info.size() != 2 || !SIGNED_DATA.equals(DerReader.objectIdentifierOf(info.get(0)))) {
      throw new TimestampException("a time-stamp token is a CMS SignedData");
    }
    List<byte[]> signedData =
        DerReader.children(
            DerReader.only(DerReader.children(info.get(1), Der.CONTEXT_CONSTRUCTED)), Der.SEQUENCE);
    if (signedData.size() < 4) {
      throw new TimestampException("a SignedData without its content or signer");
    }
    if (!BigInteger.valueOf(3).equals(DerReader.integerOf(signedData.get(0)))) {
      throw new TimestampException("a SignedData of a TSTInfo is of version 3 (RFC 5652)");
    }
    // version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos.
    for (byte[] optional : signedData.subList(3, signedData.size() - 1)) {
      int tag = DerReader.tag(optional);
      if (tag != Der.CONTEXT_CONSTRUCTED && tag != (Der.CONTEXT_CONSTRUCTED | 1)) {
        throw new TimestampException("a SignedData with an unknown field");
      }
    }
    List<byte[]> content = DerReader.children(signedData.get(2), Der.SEQUENCE);
    if (content.size() != 2 || !TST_INFO.equals(DerReader.objectIdentifierOf(content.get(0)))) {
      throw new TimestampException("a time-stamp token's content is a TSTInfo");
    }
    byte[] tstInfo =
        DerReader.content(
            DerReader.only(DerReader.children(content.get(1), Der.CONTEXT_CONSTRUCTED)),
            Der.OCTET_STRING);
    List<byte[]> signers = DerReader.children(signedData.get(signedData.size() - 1), Der.SET);
    if (signers.size() != 1) {
      throw new TimestampException(
          "a time-stamp token has one signer, the authority; this one has " + signers.size());
    }
    CmsSignerInfo signer = CmsSignerInfo.parse(signers.get(0));
    List<String> digestAlgorithms = new ArrayList<>();
    for (byte[] algorithm : DerReader.children(signedData.get(1), Der.SET)) {
      digestAlgorithms.add(CmsSignerInfo.algorithmOf(algorithm));
    }
    if (!digestAlgorithms.contains(signer.digestAlgorithm())) {
      throw new TimestampException("its SignedData does not list its signer's digest algorithm");
    }

    List<byte[]> fields = DerReader.children(tstInfo, Der.SEQUENCE);
    if (fields.size() < 5 || !BigInteger.ONE.equals(DerReader.integerOf(fields.get(0)))) {
      throw new TimestampException("a TSTInfo of version 1 with its five required fields");
    }
    List<byte[]> messageImprint = DerReader.children(fields.get(2), Der.SEQUENCE);
    if (messageImprint.size() != 2) {
      throw new TimestampException("a MessageImprint is an algorithm and a digest");
    }
    Optional<BigInteger> nonce = Optional.empty();
    for (byte[] field : fields.subList(5, fields.size())) {
      // accuracy, ordering, nonce, [0] tsa, [1] extensions: the nonce is the one INTEGER.
      if (DerReader.tag(field) == Der.INTEGER) {
        nonce = Optional.of(DerReader.integerOf(field));
      }
    }
    // The policy and the serial number decide nothing here; they are read for their form alone.
    DerReader.objectIdentifierOf(fields.get(1));
    DerReader.integerOf(fields.get(3));
    return new TimestampToken(
        CmsSignerInfo.algorithmOf(messageImprint.get(0)),
        DerReader.content(messageImprint.get(1), Der.OCTET_STRING),
        DerReader.generalizedTimeOf(fields.get(4)),
        nonce,
        tstInfo,
        signer);
  }

  /** The object identifier of the message imprint's hash algorithm. */
  public String imprintAlgorithm() {
    return imprintAlgorithm;
  }

  /** The digest the authority stamped. */
  public byte[] imprint() {
    return imprint.clone();
  }

  /** When the authority says it stamped. */
  public Instant genTime() {
    return genTime;
  }

  /** The request's nonce, which the authority must echo. */
  public Optional<BigInteger> nonce() {
    return nonce;
  }

  /**
   * Checks that this certificate signed the token as RFC 3161 and RFC 5652 require: the token's
   * {@code ESSCertID} (v1 or v2, whichever it holds) names it, and so does its signer identifier;
   * its only extended key usage is time stamping, marked critical; it was valid at the token's time
   * (and at its signing time, if it says one); the signed attributes hold the TSTInfo's digest, and
   * the signature over them verifies with its key. Whether to trust the certificate is the caller's
   * question.
   */
  public void checkSignedBy(X509Certificate certificate) throws TimestampException {
    signer.checkSignedBy(certificate, tstInfo, genTime);
  }
}
