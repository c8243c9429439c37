package dev.provenanceaction.sigstore.bundle;

/**
 * A signature over a blob's digest, as {@code cosign sign-blob --bundle} and sigstore-python write
 * it: the key signed the blob itself, which for ECDSA is a signature over its digest.
 *
 * @param digestAlgorithm the digest's algorithm as the bundle spells it ({@code SHA2_256})
 * @param digest the blob's digest
 * @param signature the DER signature
 */
public record MessageSignature(String digestAlgorithm, byte[] digest, byte[] signature) {
  public static final String SHA2_256 = "SHA2_256";
}
