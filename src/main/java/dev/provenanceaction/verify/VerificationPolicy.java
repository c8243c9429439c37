package dev.provenanceaction.verify;

import java.util.Objects;

/**
 * What a verification requires of a bundle beyond its cryptography, as one value (sigstore-go's
 * {@code verify.NewPolicy(WithArtifactDigest(...), WithCertificateIdentity(...))}): the certificate
 * identity, and what its statement must be. The artifacts' digests are given beside it, one
 * verification for several artifacts.
 *
 * @param identity the certificate identity accepted
 * @param statement what the signed statement must be
 */
public record VerificationPolicy(IdentityPolicy identity, StatementRule statement) {
  /** What a signed in-toto statement must be. */
  public enum StatementRule {
    /**
     * SLSA provenance v1 or v0.2 (or a PyPI publish attestation) whose builder, repository and ref
     * are the certificate's: what {@code verify-artifact} requires.
     */
    PROVENANCE_OF_THE_CERTIFICATE,
    /** An in-toto statement with any predicate: what {@code verify-bundle} requires. */
    ANY_PREDICATE
  }

  public VerificationPolicy {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(statement, "statement");
  }

  /** SLSA provenance that names the certificate's identity as its builder and source. */
  public static VerificationPolicy provenance(IdentityPolicy identity) {
    return new VerificationPolicy(identity, StatementRule.PROVENANCE_OF_THE_CERTIFICATE);
  }

  /** A statement of any predicate type, signed by this identity. */
  public static VerificationPolicy anyStatement(IdentityPolicy identity) {
    return new VerificationPolicy(identity, StatementRule.ANY_PREDICATE);
  }
}
