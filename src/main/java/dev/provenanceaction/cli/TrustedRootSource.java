package dev.provenanceaction.cli;

import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.tuf.TufCache;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import dev.provenanceaction.sigstore.tuf.TufTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the verify commands get the keys they trust: a file the user names, or the trusted root of
 * a TUF repository (public-good's) fetched into the user's cache directory.
 */
final class TrustedRootSource {
  private static final String TRUSTED_ROOT_TARGET = "trusted_root.json";

  private TrustedRootSource() {}

  /** Thrown when the trusted root cannot be read or fetched: nothing can be verified. */
  static final class TrustedRootException extends Exception {
    TrustedRootException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Refuses, before anything is read, a command line that would need the network and forbids it.
   */
  static void checkOffline(Optional<Path> file, boolean offline) throws ArgumentException {
    if (offline && file.isEmpty()) {
      throw new ArgumentException(
          "--offline needs --trusted-root FILE: without it the public-good trusted root is"
              + " fetched through TUF, over the network");
    }
  }

  static TrustedRoot load(Optional<Path> file, TufMirror mirror, Map<String, String> env)
      throws TrustedRootException {
    if (file.isPresent()) {
      try {
        return TrustedRoot.parse(Files.readAllBytes(file.get()));
      } catch (IOException e) {
        throw new TrustedRootException(
            "cannot read the trusted root " + file.get() + ": " + e.getMessage(), e);
      }
    }
    TufCache cache = TufCache.in(cacheDirectory(env).resolve("provenance-action").resolve("tuf"));
    try {
      byte[] root =
          TufTargets.fetch(
                  mirror,
                  cache,
                  List.of(TRUSTED_ROOT_TARGET),
                  SigstoreHttp.create(mirror.tls(), RetryPolicy.standard()))
              .get(TRUSTED_ROOT_TARGET);
      return TrustedRoot.parse(root);
    } catch (SigstoreException | IOException e) {
      throw new TrustedRootException(
          "cannot get the "
              + mirror.name()
              + " trusted root: "
              + e.getMessage()
              + " (pass --trusted-root FILE to verify offline)",
          e);
    }
  }

  /** The platform's per-user cache directory. */
  static Path cacheDirectory(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg);
    }
    Path home = Path.of(System.getProperty("user.home"));
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return home.resolve("Library").resolve("Caches");
    }
    String localAppData = env.get("LOCALAPPDATA");
    if (os.contains("win") && localAppData != null) {
      return Path.of(localAppData);
    }
    return home.resolve(".cache");
  }
}
