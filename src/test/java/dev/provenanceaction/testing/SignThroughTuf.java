package dev.provenanceaction.testing;

import dev.provenanceaction.NoLogging;
import dev.provenanceaction.action.GenerateMain;
import dev.provenanceaction.sigstore.TlsTrust;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import dev.provenanceaction.sigstore.tuf.TufMirrors;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For {@code scripts/bench-tuf}: in a JVM of its own, a whole signing run (token, Fulcio, Rekor,
 * self-check, file) for the instance {@link ServeLoopbackSigstore} serves in {@code DIR} (started
 * with {@code tuf}), with the environment that writes to {@code DIR/env}: {@code tuf} signs with
 * {@code sigstore: public-good} as a fresh runner does, through its TUF repository with an empty
 * cache and the JDK's CAs trusted; {@code custom} with the instance's files. The run is {@link
 * GenerateMain}'s, as {@code generate} on the command line runs it, since only code can name
 * another TUF mirror than Sigstore's; without {@code Main}'s early look for the logger backend, so
 * compare its series with each other, not with {@code scripts/bench-sign}'s. Arguments: {@code
 * tuf|custom DIR GENERATE-ARGUMENTS...}.
 */
public final class SignThroughTuf {
  private SignThroughTuf() {}

  public static void main(String[] args) throws Exception {
    // As dev.provenanceaction.Main sets it: sigstore-java's TUF classes log through JUL.
    System.setProperty("java.util.logging.config.class", NoLogging.class.getName());
    Path dir = Path.of(args[1]);
    URI url = URI.create(Files.readString(dir.resolve("tuf/metadata-url")));
    TufMirror mirror =
        TufMirror.of(
            "public-good",
            url,
            () -> Files.readString(dir.resolve("tuf/root.json")),
            TlsTrust.jdkDefaults());
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("RUNNER_TEMP", Files.createTempDirectory(dir, "runner-temp").toString());
    String sigstore =
        switch (args[0]) {
          case "tuf" -> "public-good";
          case "custom" -> dir.resolve("jdk-trust").toString();
          default -> throw new IllegalArgumentException(args[0]);
        };
    List<String> generate = new ArrayList<>(List.of("--sigstore", sigstore));
    generate.addAll(List.of(args).subList(2, args.length));
    System.exit(
        new GenerateMain(env, new TufMirrors(mirror, mirror), System.out, System.err)
            .runFromCommandLine(generate));
  }
}
