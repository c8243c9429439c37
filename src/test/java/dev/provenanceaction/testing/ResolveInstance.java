package dev.provenanceaction.testing;

import dev.provenanceaction.NoLogging;
import dev.provenanceaction.sigstore.InstanceChoice;
import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreInstance;
import dev.provenanceaction.sigstore.TlsTrust;
import dev.provenanceaction.sigstore.trust.SigningConfig;
import dev.provenanceaction.sigstore.tuf.TufCache;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For {@code scripts/bench-tuf}: in a JVM of its own, what a run does before it signs, for the
 * instance {@link ServeLoopbackSigstore} serves in {@code DIR} (started with {@code tuf}): {@code
 * tuf} resolves it as a public-good run does, through its TUF repository with an empty cache, as on
 * a fresh runner, trusting the JDK's CAs; {@code custom} reads its files as a custom instance's run
 * does. Arguments: {@code tuf|custom DIR}.
 */
public final class ResolveInstance {
  private ResolveInstance() {}

  public static void main(String[] args) throws Exception {
    // As dev.provenanceaction.Main sets it: sigstore-java's TUF classes log through JUL.
    System.setProperty("java.util.logging.config.class", NoLogging.class.getName());
    Path dir = Path.of(args[1]);
    Path cache = Files.createTempDirectory(dir, "tuf-cache");
    InstanceChoice choice =
        args[0].equals("tuf")
            ? InstanceChoice.publicGood(
                TufMirror.of(
                    "public-good",
                    URI.create(Files.readString(dir.resolve("tuf/metadata-url"))),
                    () -> Files.readString(dir.resolve("tuf/root.json")),
                    TlsTrust.jdkDefaults()))
            : InstanceChoice.custom(dir.resolve("jdk-trust"));
    SigstoreInstance.resolve(
        choice, TufCache.in(cache), SigningConfig.REKOR_VERSIONS, RetryPolicy.standard());
    Runtime.getRuntime().halt(0);
  }
}
