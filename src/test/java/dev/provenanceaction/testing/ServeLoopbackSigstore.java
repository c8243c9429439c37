package dev.provenanceaction.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The loopback Sigstore as a process of its own, for {@code scripts/bench-sign}: starts a {@link
 * LoopbackSigstore} (OIDC token endpoint, Fulcio, Rekor over TLS) whose tokens carry {@link
 * ActionRun}'s claims, writes the instance into {@code DIR/instance} and the variables a signing
 * job has into {@code DIR/env} ({@code NAME=value} lines), prints {@code ready}, and serves until
 * its standard input closes.
 *
 * <p>Arguments: {@code DIR [rekor-v2]}; with {@code rekor-v2} the instance's signing config selects
 * a Rekor v2 log and a timestamp authority, as public-good's and staging's do.
 */
public final class ServeLoopbackSigstore {
  private ServeLoopbackSigstore() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    LoopbackSigstore.Layout layout =
        args.length > 1 && args[1].equals("rekor-v2")
            ? LoopbackSigstore.Layout.REKOR_V2
            : LoopbackSigstore.Layout.REKOR_V1;
    try (LoopbackSigstore sigstore = LoopbackSigstore.start(dir.resolve("instance"), layout)) {
      sigstore.oidc().setClaims(ActionRun.claims("public"));
      Map<String, String> env = new HashMap<>(sigstore.oidcEnvironment());
      env.put("GITHUB_REPOSITORY", ActionRun.REPOSITORY);
      env.put("GITHUB_SHA", ActionRun.SHA);
      Files.writeString(
          dir.resolve("env"),
          env.entrySet().stream()
              .map(entry -> entry.getKey() + "=" + entry.getValue() + "\n")
              .sorted()
              .collect(Collectors.joining()));
      System.out.println("ready");
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
