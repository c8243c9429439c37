package dev.provenanceaction.testing;

/**
 * The real PEP 740 files under {@code src/test/resources/real/pypi} (see its README), as {@link
 * Fixtures} names them, and what they are about.
 */
public final class RealPypiFiles {
  public static final String PUBLISH =
      "real/pypi/pypi_attestations-0.0.19.tar.gz.publish.attestation";
  public static final String SLSA = "real/pypi/pypi_attestations-0.0.19.tar.gz.slsa.attestation";
  public static final String PROVENANCE = "real/pypi/pypi_attestations-0.0.19.tar.gz.provenance";
  public static final String SIGSTORE_PROVENANCE = "real/pypi/sigstore-3.6.1.tar.gz.provenance";
  public static final String GCB_PROVENANCE =
      "real/pypi/gcb_attestation_test-0.0.0.tar.gz.provenance";
  public static final String GITLAB_PUBLISH =
      "real/pypi/gitlab_oidc_project-0.0.3.tar.gz.publish.attestation";
  public static final String STAGING_PUBLISH =
      "real/pypi/rfc8785-0.1.2-py3-none-any.whl.publish.attestation";
  public static final String STAGING_ROOT =
      "real/trust-roots/sigstore-python/staging-trusted_root.json";

  /** The sdist that PUBLISH, SLSA and PROVENANCE are about; not copied, its digest stands in. */
  public static final String SDIST = "pypi_attestations-0.0.19.tar.gz";

  public static final String SDIST_SHA256 =
      "9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3";
  public static final String SOURCE = "github.com/trailofbits/pypi-attestations";
  public static final String SAN =
      "https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml"
          + "@refs/tags/v0.0.19";

  /** The wheel STAGING_PUBLISH is about. */
  public static final String WHEEL_SHA256 =
      "c4e92e9ecc828bef2aa7dba1de8ac983511f7532a0df11c770d39099a25cf201";

  private RealPypiFiles() {}
}
