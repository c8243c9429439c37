package dev.provenanceaction.testing;

import dev.provenanceaction.sigstore.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** TUF keys, key ids and signed metadata documents, as python-tuf and tuf-on-ci make them. */
final class TufSigning {
  private static final HexFormat HEX = HexFormat.of();

  private TufSigning() {}

  /** The document, its signatures over the TUF canonical JSON of {@code signed}. */
  static byte[] sign(Map<String, Object> signed, List<KeyPair> signers) {
    return sign(signed, signers, List.of());
  }

  /**
   * Lists, too, an empty signature for each key of {@code listed} that did not sign (tuf-on-ci).
   */
  static byte[] sign(Map<String, Object> signed, List<KeyPair> signers, List<KeyPair> listed) {
    byte[] canonical = tufCanonical(signed).getBytes(StandardCharsets.UTF_8);
    List<Object> signatures = new ArrayList<>();
    for (KeyPair key : signers) {
      signatures.add(
          Map.of(
              "keyid", keyId(key), "sig", HEX.formatHex(signature(key.getPrivate(), canonical))));
    }
    for (KeyPair key : listed) {
      if (!signers.contains(key)) {
        signatures.add(Map.of("keyid", keyId(key), "sig", ""));
      }
    }
    return CanonicalJson.write(Map.of("signed", signed, "signatures", signatures))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * TUF's canonical JSON (OLPC's, as securesystemslib and python-tuf write it): keys sorted, no
   * whitespace, and in strings only the quote and the backslash escaped. It differs from RFC 8785
   * ({@link CanonicalJson}, Rekor's) in control characters: a PEM key's newlines stay raw.
   */
  static String tufCanonical(Object value) {
    if (value instanceof String string) {
      return '"' + string.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      new TreeMap<>(map)
          .forEach(
              (key, item) ->
                  out.append(out.length() > 1 ? "," : "")
                      .append(tufCanonical(key))
                      .append(':')
                      .append(tufCanonical(item)));
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      return "[" + String.join(",", list.stream().map(TufSigning::tufCanonical).toList()) + "]";
    }
    return String.valueOf(value);
  }

  static byte[] signature(PrivateKey key, byte[] data) {
    try {
      Signature signer =
          Signature.getInstance(
              key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : key.getAlgorithm());
      signer.initSign(key);
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The TUF key object: Sigstore's ECDSA keys as PEM, Ed25519 as the raw key in hex. */
  static Map<String, Object> publicKey(KeyPair key) {
    byte[] spki = key.getPublic().getEncoded();
    if (key.getPublic().getAlgorithm().equals("EC")) {
      String pem =
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spki)
              + "\n-----END PUBLIC KEY-----\n";
      return Map.of(
          "keytype",
          "ecdsa",
          "scheme",
          "ecdsa-sha2-nistp256",
          "keyid_hash_algorithms",
          List.of("sha256", "sha512"),
          "keyval",
          Map.of("public", pem));
    }
    // An Ed25519 SubjectPublicKeyInfo ends with the 32-byte key.
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    return Map.of(
        "keytype", "ed25519", "scheme", "ed25519", "keyval", Map.of("public", HEX.formatHex(raw)));
  }

  /** As TUF computes key ids: SHA-256 of the key object's canonical JSON. */
  static String keyId(KeyPair key) {
    return Sha256.hex(tufCanonical(publicKey(key)).getBytes(StandardCharsets.UTF_8));
  }

  static KeyPair ecdsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ed25519Keys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
