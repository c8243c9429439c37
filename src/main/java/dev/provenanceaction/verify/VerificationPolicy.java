package dev.provenanceaction.verify;

import java.util.List;
import java.util.Objects;

/**
 * Everything a verification requires beyond a bundle's cryptography, as one value (sigstore-go's
 * {@code verify.NewPolicy(WithArtifactDigest(...), WithCertificateIdentity(...))}): the artifacts'
 * digests, the certificate identity, what the signed content must be, and whether a legacy envelope
 * may stand in for a bundle. Immutable; the {@code with} methods return copies.
 *
 * @param artifacts the artifacts, by name and digest, that the provenance must vouch for, in the
 *     order of the results
 * @param identity the certificate identity accepted
 * @param statement what the signed content must be
 * @param legacyEnvelopes whether a bare DSSE envelope with its certificate (slsa-github-generator
 *     v1.x), whose log entry is looked up, is read as a bundle
 */
public record VerificationPolicy(
    List<Artifact> artifacts,
    IdentityPolicy identity,
    StatementRule statement,
    boolean legacyEnvelopes) {
  /** What the signed content must be. */
  public enum StatementRule {
    /**
     * An in-toto statement of SLSA provenance v1 or v0.2 (or a PyPI publish attestation) whose
     * builder, repository and ref are the certificate's: what {@code verify-artifact} requires.
     */
    PROVENANCE_OF_THE_CERTIFICATE,
    /**
     * An in-toto statement with any predicate that lists the artifact, or a bundle that signs the
     * artifact's digest itself (a blob): what {@code verify-bundle} requires.
     */
    ANY_PREDICATE_OR_BLOB
  }

  public VerificationPolicy {
    artifacts = List.copyOf(artifacts);
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(statement, "statement");
  }

  /**
   * SLSA provenance of these artifacts that names the certificate's identity as its builder and
   * source, in Sigstore bundles only.
   */
  public static VerificationPolicy provenance(List<Artifact> artifacts, IdentityPolicy identity) {
    return new VerificationPolicy(
        artifacts, identity, StatementRule.PROVENANCE_OF_THE_CERTIFICATE, false);
  }

  /**
   * A statement of any predicate type that lists these artifacts, or a blob signature over the one
   * artifact, signed by this identity, in a Sigstore bundle.
   */
  public static VerificationPolicy anyStatementOrBlob(
      List<Artifact> artifacts, IdentityPolicy identity) {
    return new VerificationPolicy(artifacts, identity, StatementRule.ANY_PREDICATE_OR_BLOB, false);
  }

  /** This policy, and legacy envelopes read too, their log entries to be looked up. */
  public VerificationPolicy withLegacyEnvelopes() {
    return new VerificationPolicy(artifacts, identity, statement, true);
  }
}
