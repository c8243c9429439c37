package dev.provenanceaction.sigstore.dsse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * A DSSE envelope with one signature.
 *
 * <p>The SHA-256 of its PAE and its payload's base64 are each made once, when first asked for: the
 * signature, a Rekor v2 entry and a {@code hashedrekord} check all stand on the one digest, and the
 * Rekor v1 request and the bundle carry the same base64. For a large release each is a pass over
 * 130 KB by loops a cold JVM interprets (BENCHMARKS.md, session 15). Neither may be changed by a
 * caller, nor may the payload: the digest would no longer be its own.
 */
public final class DsseEnvelope {
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private final byte[] payload;
  private final String payloadType;
  private final byte[] signature;
  // Benign races: a value computed twice is the same value.
  private volatile byte[] paeSha256;
  private volatile byte[] payloadBase64;

  /**
   * @param payload the signed payload bytes (the in-toto statement)
   * @param payloadType the payload's media type
   * @param signature the DER ECDSA signature over {@link #pae()}
   */
  public DsseEnvelope(byte[] payload, String payloadType, byte[] signature) {
    this.payload = Objects.requireNonNull(payload, "payload");
    this.payloadType = Objects.requireNonNull(payloadType, "payloadType");
    this.signature = Objects.requireNonNull(signature, "signature");
  }

  /** What signs an envelope: a signature over the PAE, given the PAE's SHA-256. */
  @FunctionalInterface
  public interface Signer {
    byte[] signSha256(byte[] paeSha256);
  }

  /** The envelope of {@code payload} with the signature {@code signer} makes over its PAE. */
  public static DsseEnvelope sign(byte[] payload, String payloadType, Signer signer) {
    byte[] digest = paeSha256(payloadType, payload);
    DsseEnvelope envelope = new DsseEnvelope(payload, payloadType, signer.signSha256(digest));
    envelope.paeSha256 = digest;
    return envelope;
  }

  /** The signed payload bytes; not a copy. */
  public byte[] payload() {
    return payload;
  }

  public String payloadType() {
    return payloadType;
  }

  /** The DER signature; not a copy. */
  public byte[] signature() {
    return signature;
  }

  /**
   * The pre-authentication encoding the signature covers. Lengths count bytes, not characters
   * (sigstore-java's {@code getPAE()} counts characters, which breaks on non-ASCII payloads).
   */
  public byte[] pae() {
    return pae(payloadType, payload);
  }

  /** The SHA-256 of {@link #pae()}; not a copy. */
  public byte[] paeSha256() {
    byte[] digest = paeSha256;
    if (digest == null) {
      digest = paeSha256(payloadType, payload);
      paeSha256 = digest;
    }
    return digest;
  }

  /** The payload in standard, padded base64, as ASCII bytes; not a copy. */
  public byte[] payloadBase64() {
    byte[] base64 = payloadBase64;
    if (base64 == null) {
      base64 = Base64.getEncoder().encode(payload);
      payloadBase64 = base64;
    }
    return base64;
  }

  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] head = paeHead(payloadType, payload);
    byte[] pae = new byte[head.length + payload.length];
    System.arraycopy(head, 0, pae, 0, head.length);
    System.arraycopy(payload, 0, pae, head.length, payload.length);
    return pae;
  }

  /** The PAE up to the payload: {@code DSSEv1 <type length> <type> <payload length> }. */
  private static byte[] paeHead(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] paeSha256(String payloadType, byte[] payload) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(paeHead(payloadType, payload));
      return digest.digest(payload);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
