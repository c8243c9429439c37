package dev.provenanceaction.verify;

/** One check of {@link BundleVerifier}, in the order it runs them. */
public enum Check {
  /** The envelope's payload type is the in-toto statement type. */
  PAYLOAD_TYPE,
  /** The leaf certificate chains to a certificate authority of the trusted root. */
  CERTIFICATE_CHAIN,
  /** An SCT embedded in the leaf is signed by a trusted CT log. */
  SCT,
  /** The leaf's key signed the envelope's PAE. */
  DSSE_SIGNATURE,
  /** The leaf's key signed the blob's digest (a bundle with a message signature). */
  MESSAGE_SIGNATURE,
  /** A trusted transparency log signed the entry (its inclusion promise). */
  SET,
  /**
   * The log signed the tree head (a C2SP signed note whose origin names the log) that the inclusion
   * proof must lead to.
   */
  CHECKPOINT,
  /** The entry's body is in the tree of the checkpoint. */
  INCLUSION_PROOF,
  /** The log's entry records this envelope or blob digest, signature and certificate. */
  LOG_BODY,
  /** A trusted timestamp authority signed a time for the signature (Rekor v2 entries). */
  TIMESTAMP,
  /**
   * The leaf and its certificate authority were valid when the log took the entry, or at the
   * timestamp's time.
   */
  CERTIFICATE_VALIDITY
}
