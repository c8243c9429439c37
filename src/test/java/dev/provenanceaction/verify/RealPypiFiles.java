package dev.provenanceaction.verify;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The real PEP 740 files under {@code src/test/resources/real/pypi} (see its README). */
final class RealPypiFiles {
  static final String PUBLISH = "pypi_attestations-0.0.19.tar.gz.publish.attestation";
  static final String SLSA = "pypi_attestations-0.0.19.tar.gz.slsa.attestation";
  static final String PROVENANCE = "pypi_attestations-0.0.19.tar.gz.provenance";
  static final String STAGING_PUBLISH = "rfc8785-0.1.2-py3-none-any.whl.publish.attestation";
  static final String STAGING_ROOT = "staging-trusted_root.json";
  static final String GITLAB_PUBLISH = "gitlab_oidc_project-0.0.3.tar.gz.publish.attestation";

  /** The sdist all three public-good files are about; it is not copied, its digest stands in. */
  static final String SDIST = "pypi_attestations-0.0.19.tar.gz";

  static final String SDIST_SHA256 =
      "9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3";
  static final String SOURCE = "github.com/trailofbits/pypi-attestations";
  static final String SAN =
      "https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml"
          + "@refs/tags/v0.0.19";
  static final String WHEEL_SHA256 =
      "c4e92e9ecc828bef2aa7dba1de8ac983511f7532a0df11c770d39099a25cf201";

  private RealPypiFiles() {}

  static Path path(String name) {
    URL url = RealPypiFiles.class.getResource("/real/pypi/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource real/pypi/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
