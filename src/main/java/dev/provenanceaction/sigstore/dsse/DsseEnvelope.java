package dev.provenanceaction.sigstore.dsse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A DSSE envelope with one signature.
 *
 * @param payload the signed payload bytes (the in-toto statement)
 * @param payloadType the payload's media type
 * @param signature the DER ECDSA signature over {@link #pae()}
 */
public record DsseEnvelope(byte[] payload, String payloadType, byte[] signature) {
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  /**
   * The pre-authentication encoding the signature covers. Lengths count bytes, not characters
   * (sigstore-java's {@code getPAE()} counts characters, which breaks on non-ASCII payloads).
   */
  public byte[] pae() {
    return pae(payloadType, payload);
  }

  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }
}
