package dev.provenanceaction.testing;

import dev.provenanceaction.NoLogging;
import dev.provenanceaction.sigstore.InstanceChoice;
import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreInstance;
import dev.provenanceaction.sigstore.TlsTrust;
import dev.provenanceaction.sigstore.trust.SigningConfig;
import dev.provenanceaction.sigstore.tuf.TufCache;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import dev.sigstore.tuf.RootProvider;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For {@code scripts/bench-tuf}: in a JVM of its own, what a run does before it signs, for the
 * instance {@link ServeLoopbackSigstore} serves in {@code DIR} (started with {@code tuf}): {@code
 * tuf} resolves it as a public-good run does, through its TUF repository with an empty cache, as on
 * a fresh runner, trusting the JDK's CAs; {@code custom} reads its files as a custom instance's run
 * does; {@code walk-from-12} and {@code walk-from-16} walk public-good's real root history ({@link
 * RealRootHistory}) from root 12 or from the root the action ships, up to the timestamp, which is
 * not there. Arguments: {@code tuf|custom|walk-from-12|walk-from-16 DIR}.
 */
public final class ResolveInstance {
  private ResolveInstance() {}

  public static void main(String[] args) throws Exception {
    // As dev.provenanceaction.Main sets it: sigstore-java's TUF classes log through JUL.
    System.setProperty("java.util.logging.config.class", NoLogging.class.getName());
    Path dir = Path.of(args[1]);
    Path cache = Files.createTempDirectory(dir, "tuf-cache");
    switch (args[0]) {
      case "tuf" ->
          resolve(
              mirror(dir, "tuf/metadata-url", () -> Files.readString(dir.resolve("tuf/root.json"))),
              TufCache.in(cache));
      case "custom" -> resolve(InstanceChoice.custom(dir.resolve("jdk-trust")), TufCache.in(cache));
      case "walk-from-12", "walk-from-16" -> {
        RootProvider first =
            args[0].equals("walk-from-12")
                ? RealRootHistory.VERSION_12
                : TufMirror.PUBLIC_GOOD.initialRoot();
        try {
          resolve(
              mirror(dir, "tuf/history-url", first),
              new TufCache(cache, RealRootHistory.WHILE_16_IS_VALID));
          throw new IllegalStateException("the history has no timestamp, yet the walk succeeded");
        } catch (SigstoreException e) {
          if (!e.getMessage().contains("timestamp.json")) {
            throw e;
          }
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    Runtime.getRuntime().halt(0);
  }

  private static InstanceChoice mirror(Path dir, String urlFile, RootProvider first)
      throws Exception {
    URI url = URI.create(Files.readString(dir.resolve(urlFile)));
    return InstanceChoice.publicGood(
        TufMirror.of("public-good", url, first, TlsTrust.jdkDefaults()));
  }

  private static void resolve(InstanceChoice choice, TufCache cache) throws SigstoreException {
    SigstoreInstance.resolve(
        choice,
        cache,
        SigningConfig.REKOR_VERSIONS,
        SigstoreInstance.httpFor(choice, RetryPolicy.standard()));
  }
}
