package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.trust.TrustedRoot.CertificateAuthorityEntry;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** The leaf certificate's chain to a trusted authority, and its validity at the log's time. */
final class CertificateChecks {
  private final TrustedRoot root;

  CertificateChecks(TrustedRoot root) {
    this.root = root;
  }

  /**
   * A path from the leaf to a trusted authority's root.
   *
   * @param certificates leaf first, root last
   * @param authorities every trusted authority the leaf chains to (entries may share a chain)
   */
  record Chain(List<X509Certificate> certificates, List<CertificateAuthorityEntry> authorities) {}

  /**
   * Validates the path at the leaf's notBefore, so this check is about signatures and names only;
   * whether that time is the one that counts is {@link #checkValidity}'s question.
   */
  Chain checkChain(X509Certificate leaf) throws VerificationException {
    List<X509Certificate> certificates = null;
    List<CertificateAuthorityEntry> authorities = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (CertificateAuthorityEntry authority : root.certificateAuthorities()) {
      try {
        List<X509Certificate> path = validate(leaf, authority.certChain());
        authorities.add(authority);
        if (certificates == null) {
          certificates = path;
        }
      } catch (GeneralSecurityException e) {
        failures.add(authority.uri() + " (" + e.getMessage() + ")");
      }
    }
    if (certificates == null) {
      throw new VerificationException(
          Check.CERTIFICATE_CHAIN,
          "expected a leaf issued by a trusted certificate authority, found one issued by \""
              + leaf.getIssuerX500Principal().getName()
              + "\" that chains to none of "
              + root.certificateAuthorities().size()
              + ": "
              + String.join("; ", failures));
    }
    return new Chain(certificates, authorities);
  }

  private static List<X509Certificate> validate(
      X509Certificate leaf, List<X509Certificate> authorityChain) throws GeneralSecurityException {
    X509Certificate anchor = authorityChain.get(authorityChain.size() - 1);
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    path.addAll(authorityChain.subList(0, authorityChain.size() - 1));
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(leaf.getNotBefore());
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    List<X509Certificate> full = new ArrayList<>(path);
    full.add(anchor);
    return full;
  }

  /**
   * A time the signature is known to have existed at.
   *
   * @param instant the time
   * @param source who vouches for it, for messages: "the log's integrated time"
   */
  record SigningTime(Instant instant, String source) {}

  /**
   * The leaf must have been valid when the log took the entry (or the timestamp authority saw the
   * signature), and its authority trusted then. sigstore-java skips the first for Rekor v1 entries;
   * without it a leaked key of an expired certificate could sign anything.
   */
  void checkValidity(X509Certificate leaf, Chain chain, SigningTime time)
      throws VerificationException {
    Instant instant = time.instant();
    try {
      leaf.checkValidity(Date.from(instant));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new VerificationException(
          Check.CERTIFICATE_VALIDITY,
          "expected "
              + time.source()
              + " "
              + instant
              + " within the leaf's validity, found it outside "
              + leaf.getNotBefore().toInstant()
              + " to "
              + leaf.getNotAfter().toInstant());
    }
    boolean authorityValid =
        chain.authorities().stream().anyMatch(authority -> authority.validFor().contains(instant));
    if (!authorityValid) {
      throw new VerificationException(
          Check.CERTIFICATE_VALIDITY,
          "expected "
              + time.source()
              + " "
              + instant
              + " within the issuing authority's validFor, found it outside "
              + chain.authorities().get(0).validFor());
    }
  }
}
