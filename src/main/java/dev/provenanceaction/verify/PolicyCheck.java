package dev.provenanceaction.verify;

/**
 * One check of who signed and what they claim, made after {@link BundleVerifier} has shown the
 * bundle's cryptography sound.
 */
public enum PolicyCheck {
  /** The provenance file is in a format this verifier reads. */
  PROVENANCE_FORMAT,
  /** Rekor holds the log entry of a legacy envelope's signature (looked up online). */
  REKOR_LOOKUP,
  /** The certificate's OIDC issuer is the expected one. */
  CERTIFICATE_ISSUER,
  /** The certificate's subject alternative name is the expected identity. */
  CERTIFICATE_IDENTITY,
  /** The certificate's source repository is the expected one. */
  SOURCE_REPOSITORY,
  /** The certificate's source ref is the expected tag or branch. */
  SOURCE_REF,
  /** The certificate's build signer (the builder's workflow) is the expected one. */
  BUILDER_ID,
  /** The statement is an in-toto statement of a known version. */
  STATEMENT_TYPE,
  /** The statement's predicate is SLSA provenance of a known version. */
  PREDICATE_TYPE,
  /** The provenance names the certificate's identity as its builder. */
  PROVENANCE_BUILDER,
  /** The provenance names the certificate's source repository. */
  PROVENANCE_REPOSITORY,
  /** The provenance names the certificate's source ref. */
  PROVENANCE_REF,
  /** The artifact's digest is one of the statement's subjects. */
  SUBJECT_DIGEST
}
