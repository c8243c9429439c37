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

  /** sigstore-python's embedded public-good root: Rekor v1 and the timestamp authority. */
  public static final String PRODUCTION_ROOT_WITH_TSA =
      "real/trust-roots/sigstore-python/public-good-trusted_root.json";

  /** sigstore-conformance: a Rekor v2 dsse 0.0.2 bundle of Sigstore staging. */
  public static final String CONFORMANCE_REKOR_V2_DSSE =
      "real/conformance/rekor2-dsse-happy-path/bundle.sigstore.json";

  /** sigstore-conformance: a Rekor v2 dsse bundle carrying another envelope than it logged. */
  public static final String CONFORMANCE_REKOR_V2_OTHER_ENVELOPE =
      "real/conformance/rekor2-dsse-mismatch-envelope_fail/bundle.sigstore.json";

  /** sigstore-conformance: a DSSE bundle logged as Rekor v1 hashedrekord 0.0.1, public-good. */
  public static final String CONFORMANCE_DSSE_AS_HASHEDREKORD =
      "real/conformance/dsse-with-hashedrekord-happy-path/bundle.sigstore.json";

  /** sigstore-conformance: a Rekor v2 blob bundle with a timestamp after the leaf expired. */
  public static final String CONFORMANCE_LATE_SECOND_TIMESTAMP =
      "real/conformance/rekor2-multiple-timestamps-one-outside-cert-validity_fail/"
          + "bundle.sigstore.json";

  /** sigstore-go's example bundle v0.2: a Rekor v1 entry with its proof and no SET. */
  public static final String SIGSTORE_GO_V02_BUNDLE = "real/bundles-v0.2/bundle-v02.json";

  /** sigstore-go's root of a sigstore-scaffolding deployment: an RSA 4096 certificate authority. */
  public static final String SCAFFOLDING_ROOT = "real/scaffolding/trusted_root.json";

  /** sigstore-go's blob bundle of that deployment, for a Fulcio username (otherName) identity. */
  public static final String SCAFFOLDING_OTHERNAME_BUNDLE = "real/scaffolding/othernameBundle.json";

  /** cosign's test bundle of an OCI attestation, made by {@code cosign attest} on public-good. */
  public static final String COSIGN_ATTESTATION = "real/cosign/oci-attestation.sigstore.json";

  /** sigstore-python's synthetic root and bundles for a leaf with an RSASSA-PSS-only key. */
  public static final String RSA_PSS_ROOT = "real/rsa-pss-spki/trusted-root.json";

  public static final String RSA_PSS_BLOB_BUNDLE = "real/rsa-pss-spki/artifact.sigstore.json";
  public static final String RSA_PSS_DSSE_BUNDLE = "real/rsa-pss-spki/dsse.sigstore.json";
  public static final String CONTAINER_BASED_V01_BUNDLE =
      "real/bundles-v0.1/gha_container-based-binary-linux-amd64-v14.intoto.sigstore";

  private RealFiles() {}
}
