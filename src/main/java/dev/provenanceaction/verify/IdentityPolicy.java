package dev.provenanceaction.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * The certificate identity a verifier accepts, as data (sigstore-go's {@code
 * WithCertificateIdentity}): an OIDC issuer, and optionally an exact subject alternative name,
 * source repository, source ref and builder. Immutable; the {@code with} methods return copies.
 *
 * @param issuer the OIDC issuer the certificate must name
 * @param subjectAlternativeName the exact SAN, if required
 * @param sourceRepositoryUri the source repository URI, such as {@code https://github.com/o/r}
 * @param sourceRef the git ref, such as {@code refs/tags/v1}
 * @param builderId the signing workflow; without {@code @ref} any ref of it is accepted
 */
public record IdentityPolicy(
    String issuer,
    Optional<String> subjectAlternativeName,
    Optional<String> sourceRepositoryUri,
    Optional<String> sourceRef,
    Optional<String> builderId) {
  public static final String GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";

  public IdentityPolicy {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(subjectAlternativeName, "subjectAlternativeName");
    Objects.requireNonNull(sourceRepositoryUri, "sourceRepositoryUri");
    Objects.requireNonNull(sourceRef, "sourceRef");
    Objects.requireNonNull(builderId, "builderId");
  }

  /** Accepts any certificate from this OIDC issuer until narrowed by the {@code with} methods. */
  public static IdentityPolicy issuedBy(String issuer) {
    return new IdentityPolicy(
        issuer, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public IdentityPolicy withSubjectAlternativeName(String san) {
    return new IdentityPolicy(issuer, Optional.of(san), sourceRepositoryUri, sourceRef, builderId);
  }

  public IdentityPolicy withSourceRepositoryUri(String uri) {
    return new IdentityPolicy(
        issuer, subjectAlternativeName, Optional.of(uri), sourceRef, builderId);
  }

  public IdentityPolicy withSourceRef(String ref) {
    return new IdentityPolicy(
        issuer, subjectAlternativeName, sourceRepositoryUri, Optional.of(ref), builderId);
  }

  public IdentityPolicy withBuilderId(String id) {
    return new IdentityPolicy(
        issuer, subjectAlternativeName, sourceRepositoryUri, sourceRef, Optional.of(id));
  }

  /**
   * @throws PolicyException naming the first field of the identity that differs from the policy
   */
  public void check(CertificateIdentity identity) throws PolicyException {
    String foundIssuer = identity.issuer().orElse(null);
    if (!issuer.equals(foundIssuer)) {
      throw new PolicyException(PolicyCheck.CERTIFICATE_ISSUER, issuer, describe(foundIssuer));
    }
    if (subjectAlternativeName.isPresent()
        && !subjectAlternativeName.get().equals(identity.subjectAlternativeName())) {
      throw new PolicyException(
          PolicyCheck.CERTIFICATE_IDENTITY,
          subjectAlternativeName.get(),
          describe(identity.subjectAlternativeName()));
    }
    require(PolicyCheck.SOURCE_REPOSITORY, sourceRepositoryUri, identity.sourceRepositoryUri());
    require(PolicyCheck.SOURCE_REF, sourceRef, identity.sourceRef());
    if (builderId.isPresent()) {
      String signer = identity.buildSignerUri().orElse(identity.subjectAlternativeName());
      String wanted = builderId.get();
      String compared = wanted.contains("@") ? signer : withoutRef(signer);
      if (!wanted.equals(compared)) {
        throw new PolicyException(PolicyCheck.BUILDER_ID, wanted, describe(signer));
      }
    }
  }

  private static void require(PolicyCheck check, Optional<String> expected, Optional<String> found)
      throws PolicyException {
    if (expected.isPresent() && !expected.equals(found)) {
      throw new PolicyException(check, expected.get(), describe(found.orElse(null)));
    }
  }

  private static String withoutRef(String uri) {
    int at = uri.indexOf('@');
    return at < 0 ? uri : uri.substring(0, at);
  }

  public static String describe(String value) {
    return value == null || value.isEmpty() ? "none" : value;
  }
}
