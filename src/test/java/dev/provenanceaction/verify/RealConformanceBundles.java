package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Bundles of sigstore-conformance's test suite and the roots they verify with ({@code
 * real/conformance/README.md} names their sources), read as a user's bundle is: parsed from the
 * file's text, verified by {@link BundleVerifier}.
 */
final class RealConformanceBundles {
  /** The identity sigstore-conformance signs with, a GitHub workflow that hands out its token. */
  static final String BEACON =
      "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/"
          + "workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";

  private RealConformanceBundles() {}

  static TrustedRoot root(String file) {
    try {
      return TrustedRoot.parse(Fixtures.bytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static VerifiedBundle verify(TrustedRoot root, String json) throws Exception {
    return BundleVerifier.create(root).verify(SigstoreBundle.parse(json));
  }

  static VerifiedBlob verifyBlob(TrustedRoot root, String json) throws Exception {
    return BundleVerifier.create(root).verify(MessageSignatureBundle.parse(JsonValue.parse(json)));
  }

  static VerificationException error(TrustedRoot root, String json) {
    return assertThrows(VerificationException.class, () -> verify(root, json));
  }

  static VerificationException blobError(TrustedRoot root, String json) {
    return assertThrows(VerificationException.class, () -> verifyBlob(root, json));
  }

  /** Checks the leaf against the identity sigstore-conformance's signer has. */
  static void assertBeacon(java.security.cert.X509Certificate leaf) throws PolicyException {
    IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER)
        .withSubjectAlternativeName(BEACON)
        .check(CertificateIdentity.of(leaf));
  }
}
