package dev.provenanceaction.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The loopback Sigstore as a process of its own, for {@code scripts/bench-sign}: starts a {@link
 * LoopbackSigstore} (OIDC token endpoint, Fulcio, Rekor over TLS) whose tokens carry {@link
 * ActionRun}'s claims, writes the instance into {@code DIR/instance} and the variables a signing
 * job has into {@code DIR/env} ({@code NAME=value} lines), then either prints {@code ready} and
 * serves until its standard input closes, or, given a command after {@code --}, runs it with those
 * variables and exits with its status (a class-data archive's training run needs no shell to start
 * and stop the doubles).
 *
 * <p>Arguments: {@code DIR [rekor-v2] [-- COMMAND...]}; with {@code rekor-v2} the instance's
 * signing config selects a Rekor v2 log and a timestamp authority, as public-good's and staging's
 * do.
 */
public final class ServeLoopbackSigstore {
  private ServeLoopbackSigstore() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args[0]);
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    int command = rest.indexOf("--");
    int status = 0;
    LoopbackSigstore.Layout layout =
        !rest.isEmpty() && rest.get(0).equals("rekor-v2")
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
      if (command >= 0) {
        ProcessBuilder process = new ProcessBuilder(rest.subList(command + 1, rest.size()));
        process.environment().putAll(env);
        status = process.inheritIO().start().waitFor();
      } else {
        System.out.println("ready");
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    System.exit(status);
  }
}
