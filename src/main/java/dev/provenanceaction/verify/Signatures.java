package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;

/** Verifies a signature with the algorithm Sigstore pairs with the key's type and size. */
final class Signatures {
  private Signatures() {}

  /** False for a wrong or malformed signature; never throws for bad input. */
  private static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm(key));
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Verifies an envelope's signature over its PAE. With a key that signs SHA-256 (ECDSA of at most
   * 256 bits: P-256, every Fulcio leaf this project's signer makes) it checks the signature against
   * the PAE's digest, which a {@code hashedrekord} entry's check needs too: one pass over a large
   * payload, not two.
   */
  static boolean verify(PublicKey key, DsseEnvelope envelope) {
    return algorithm(key).equals("SHA256withECDSA")
        ? verifyDigest(key, envelope.paeSha256(), envelope.signature())
        : verify(key, envelope.pae(), envelope.signature());
  }

  /**
   * Verifies an ECDSA signature over a blob, given only the blob's digest: ECDSA signs the digest,
   * so checking it needs no blob. False for other key types, which sign more than the digest.
   */
  static boolean verifyDigest(PublicKey key, byte[] digest, byte[] signature) {
    return key instanceof ECPublicKey && Ecdsa.verifyDigest(key, digest, signature);
  }

  private static String algorithm(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
    }
    if (key.getAlgorithm().equals("RSA")) {
      return "SHA256withRSA";
    }
    return key.getAlgorithm();
  }
}
