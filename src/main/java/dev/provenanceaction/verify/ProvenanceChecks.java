package dev.provenanceaction.verify;

import dev.provenanceaction.provenance.PredicateType;
import dev.provenanceaction.provenance.StatementClaims;
import dev.provenanceaction.provenance.StatementFormatException;

/**
 * The checks of a signed statement's claims: its predicate is one this verifier knows, and the
 * provenance names the certificate that signed it as its builder and source.
 */
final class ProvenanceChecks {
  private ProvenanceChecks() {}

  /**
   * Requires the claims of SLSA provenance, or of a PyPI publish attestation, whose only claim is
   * the certificate's identity.
   *
   * @throws PolicyException if the predicate is not SLSA v1 or v0.2 or a PyPI publish attestation
   */
  static void requireProvenance(StatementClaims claims) throws PolicyException {
    if (!claims.isProvenance()) {
      throw new PolicyException(
          PolicyCheck.PREDICATE_TYPE,
          PredicateType.SLSA_V1.predicateTypeUri()
              + " or "
              + PredicateType.SLSA_V02.predicateTypeUri()
              + " (or a PyPI publish attestation, "
              + StatementClaims.PYPI_PUBLISH_V1
              + "); verify-bundle checks a statement of any predicate type against an exact"
              + " identity",
          claims.predicateType().isEmpty() ? "no predicateType" : claims.predicateType());
    }
  }

  /**
   * Reads an in-toto statement with any predicate.
   *
   * @throws PolicyException with {@link PolicyCheck#STATEMENT_TYPE} if it is not an in-toto
   *     statement of a known version
   */
  static StatementClaims readStatement(byte[] statement) throws PolicyException {
    try {
      return StatementClaims.read(statement);
    } catch (StatementFormatException e) {
      throw new PolicyException(PolicyCheck.STATEMENT_TYPE, e.expected(), e.found());
    }
  }

  /**
   * Holds the claims against the certificate that signed them: the provenance must name the
   * certificate's identity as its builder, and the certificate's repository and ref as its source.
   */
  static void checkAgainst(StatementClaims claims, CertificateIdentity identity)
      throws PolicyException {
    if (!claims.claimsABuild()) {
      // A publish attestation's one claim is the certificate's identity, checked by the policy.
      return;
    }
    if (!claims.builderId().equals(identity.subjectAlternativeName())) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_BUILDER,
          "the certificate's identity "
              + IdentityPolicy.describe(identity.subjectAlternativeName()),
          IdentityPolicy.describe(claims.builderId()));
    }
    String certificateRepository = identity.sourceRepositoryUri().orElse("");
    if (!claims.repositoryUri().equals(certificateRepository)) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_REPOSITORY,
          "the certificate's source repository " + IdentityPolicy.describe(certificateRepository),
          IdentityPolicy.describe(claims.repositoryUri()));
    }
    String certificateRef = identity.sourceRef().orElse("");
    if (!claims.ref().equals(certificateRef)) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_REF,
          "the certificate's source ref " + IdentityPolicy.describe(certificateRef),
          IdentityPolicy.describe(claims.ref()));
    }
  }
}
