package dev.provenanceaction.testing;

/**
 * The real trust roots and bundles under {@code src/test/resources/real} (see its README), as
 * {@link Fixtures} names them.
 */
public final class RealFiles {
  public static final String PRODUCTION_ROOT = "real/trust-roots/root-signing/trusted_root.json";
  public static final String PRODUCTION_ROOT_WITHOUT_MEDIA_TYPE =
      "real/trust-roots/root-signing/trusted_root.no-media-type.json";
  public static final String STAGING_ROOT =
      "real/trust-roots/root-signing-staging/trusted_root.json";
  public static final String STAGING_SIGNING_CONFIG =
      "real/trust-roots/root-signing-staging/signing_config.v0.2.json";
  public static final String STAGING_ROOT_WITH_REKOR_V2 =
      "real/trust-roots/sigstore-python/staging-trusted_root.json";
  public static final String STAGING_REKOR_V2_BUNDLE =
      "real/trust-roots/bundles/staging-rekor-v2.txt.sigstore.json";
  public static final String CONTAINER_BASED_V01_BUNDLE =
      "real/bundles-v0.1/gha_container-based-binary-linux-amd64-v14.intoto.sigstore";

  private RealFiles() {}
}
