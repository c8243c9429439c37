package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.trust.TrustedRoot.CertificateAuthorityEntry;
import dev.provenanceaction.sigstore.tsa.TimestampException;
import dev.provenanceaction.sigstore.tsa.TimestampResponse;
import dev.provenanceaction.sigstore.tsa.TimestampToken;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * An RFC 3161 timestamp over the bundle's signature, signed by a timestamp authority of the trusted
 * root: its time is when the signature existed, which Rekor v2 entries do not say themselves.
 */
final class TimestampCheck {
  private final TrustedRoot root;

  TimestampCheck(TrustedRoot root) {
    this.root = root;
  }

  /**
   * @param response a DER time-stamp response, as the bundle holds it
   * @param signature the signature it must be over (its message imprint is its SHA-256)
   * @return the time the authority signed
   */
  Instant check(byte[] response, byte[] signature) throws VerificationException {
    TimestampToken token = token(response);
    if (!token.imprintAlgorithm().equals(TimestampToken.SHA256)) {
      throw new VerificationException(
          Check.TIMESTAMP,
          "expected a SHA-256 message imprint, found algorithm " + token.imprintAlgorithm());
    }
    byte[] imprint = token.imprint();
    byte[] expected = Digests.sha256(signature);
    if (!MessageDigest.isEqual(imprint, expected)) {
      throw new VerificationException(
          Check.TIMESTAMP,
          "expected a message imprint of the signature's SHA-256 "
              + HexFormat.of().formatHex(expected)
              + ", found "
              + HexFormat.of().formatHex(imprint));
    }
    Instant time = token.genTime();
    List<String> failures = new ArrayList<>();
    for (CertificateAuthorityEntry authority : root.timestampAuthorities()) {
      // The trusted root lists the chain; what needs checking is that its signing certificate
      // signed this token (which also holds the token's ESSCertID, the certificate's
      // time-stamping-only key usage and its validity at the token's time against it), that the
      // chain up to its root held at that time, and that the root trusted the authority then.
      X509Certificate signer = authority.certChain().get(0);
      try {
        token.checkSignedBy(signer);
      } catch (TimestampException e) {
        failures.add(describe(authority) + " (" + e.getMessage() + ")");
        continue;
      }
      try {
        validateChain(authority.certChain(), time);
      } catch (GeneralSecurityException e) {
        failures.add(describe(authority) + " (chain at " + time + ": " + e.getMessage() + ")");
        continue;
      }
      if (!authority.validFor().contains(time)) {
        failures.add(describe(authority) + " (not trusted at " + time + ")");
        continue;
      }
      return time;
    }
    throw new VerificationException(
        Check.TIMESTAMP,
        "expected a timestamp signed by one of "
            + root.timestampAuthorities().size()
            + " trusted timestamp authorities, found one that "
            + (failures.isEmpty() ? "none can check" : "fails: " + String.join("; ", failures)));
  }

  private static void validateChain(List<X509Certificate> chain, Instant time)
      throws GeneralSecurityException {
    X509Certificate anchor = chain.get(chain.size() - 1);
    if (chain.size() == 1) {
      anchor.checkValidity(Date.from(time));
      return;
    }
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(Date.from(time));
    CertPathValidator.getInstance("PKIX")
        .validate(
            CertificateFactory.getInstance("X.509")
                .generateCertPath(chain.subList(0, chain.size() - 1)),
            parameters);
  }

  private static TimestampToken token(byte[] response) throws VerificationException {
    TimestampResponse parsed;
    try {
      parsed = TimestampResponse.parse(response);
    } catch (TimestampException e) {
      throw new VerificationException(
          Check.TIMESTAMP, "expected a DER RFC 3161 time-stamp response, found: " + e.getMessage());
    }
    return parsed
        .token()
        .orElseThrow(
            () ->
                new VerificationException(
                    Check.TIMESTAMP,
                    "expected a granted time-stamp response, found one without a token"));
  }

  private static String describe(CertificateAuthorityEntry authority) {
    return "\"" + authority.certChain().get(0).getSubjectX500Principal().getName() + "\"";
  }
}
