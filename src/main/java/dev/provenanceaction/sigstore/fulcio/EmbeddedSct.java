package dev.provenanceaction.sigstore.fulcio;

import dev.provenanceaction.sigstore.Ecdsa;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;

/**
 * One RFC 6962 signed certificate timestamp for a precertificate, serialised as the value of the
 * {@code 1.3.6.1.4.1.11129.2.4.2} extension's inner octet string (a one-element SCT list).
 */
final class EmbeddedSct {
  static final String EXTENSION_OID = "1.3.6.1.4.1.11129.2.4.2";

  private static final int VERSION_V1 = 0;
  private static final int SIGNATURE_TYPE_CERTIFICATE_TIMESTAMP = 0;
  private static final int ENTRY_TYPE_PRECERT = 1;
  private static final int HASH_SHA256 = 4;
  private static final int SIGNATURE_ECDSA = 3;

  private EmbeddedSct() {}

  /**
   * @param logKey the CT log's private key
   * @param logId SHA-256 of the CT log's public key
   * @param timestampMillis when the log saw the precertificate
   * @param issuerKeyHash SHA-256 of the issuing CA's SubjectPublicKeyInfo
   * @param precertificateTbs the DER TBSCertificate without the SCT extension
   * @return the TLS-encoded SignedCertificateTimestampList
   */
  static byte[] sctList(
      PrivateKey logKey,
      byte[] logId,
      long timestampMillis,
      byte[] issuerKeyHash,
      byte[] precertificateTbs) {
    byte[] signature =
        Ecdsa.sign(logKey, signedData(timestampMillis, issuerKeyHash, precertificateTbs));
    ByteArrayOutputStream sct = new ByteArrayOutputStream(128);
    write(
        sct,
        out -> {
          out.writeByte(VERSION_V1);
          out.write(logId);
          out.writeLong(timestampMillis);
          out.writeShort(0); // no extensions
          out.writeByte(HASH_SHA256);
          out.writeByte(SIGNATURE_ECDSA);
          out.writeShort(signature.length);
          out.write(signature);
        });
    byte[] sctBytes = sct.toByteArray();
    ByteArrayOutputStream list = new ByteArrayOutputStream(sctBytes.length + 4);
    write(
        list,
        out -> {
          out.writeShort(sctBytes.length + 2);
          out.writeShort(sctBytes.length);
          out.write(sctBytes);
        });
    return list.toByteArray();
  }

  // RFC 6962 section 3.2: the digitally-signed struct for a precert_entry.
  private static byte[] signedData(long timestampMillis, byte[] issuerKeyHash, byte[] tbs) {
    ByteArrayOutputStream signed = new ByteArrayOutputStream(tbs.length + 64);
    write(
        signed,
        out -> {
          out.writeByte(VERSION_V1);
          out.writeByte(SIGNATURE_TYPE_CERTIFICATE_TIMESTAMP);
          out.writeLong(timestampMillis);
          out.writeShort(ENTRY_TYPE_PRECERT);
          out.write(issuerKeyHash);
          out.writeByte(tbs.length >>> 16);
          out.writeShort(tbs.length & 0xffff);
          out.write(tbs);
          out.writeShort(0); // no extensions
        });
    return signed.toByteArray();
  }

  private interface Writer {
    void writeTo(DataOutputStream out) throws IOException;
  }

  private static void write(ByteArrayOutputStream target, Writer writer) {
    try (DataOutputStream out = new DataOutputStream(target)) {
      writer.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array stream does not fail", e);
    }
  }
}
