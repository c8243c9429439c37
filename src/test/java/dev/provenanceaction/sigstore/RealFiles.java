package dev.provenanceaction.sigstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real public files copied under {@code src/test/resources/real}, read from the classpath. */
public final class RealFiles {
  public static final String PRODUCTION_ROOT = "trust-roots/root-signing/trusted_root.json";
  public static final String PRODUCTION_ROOT_WITHOUT_MEDIA_TYPE =
      "trust-roots/root-signing/trusted_root.no-media-type.json";
  public static final String STAGING_ROOT = "trust-roots/root-signing-staging/trusted_root.json";
  public static final String STAGING_SIGNING_CONFIG =
      "trust-roots/root-signing-staging/signing_config.v0.2.json";
  public static final String STAGING_ROOT_WITH_REKOR_V2 =
      "trust-roots/sigstore-python/staging-trusted_root.json";
  public static final String STAGING_REKOR_V2_BUNDLE =
      "trust-roots/bundles/staging-rekor-v2.txt.sigstore.json";
  public static final String CONTAINER_BASED_V01_BUNDLE =
      "bundles-v0.1/gha_container-based-binary-linux-amd64-v14.intoto.sigstore";

  private RealFiles() {}

  public static byte[] bytes(String relative) {
    try (InputStream in = RealFiles.class.getResourceAsStream("/real/" + relative)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource real/" + relative);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String relative) {
    return new String(bytes(relative), StandardCharsets.UTF_8);
  }
}
