package dev.provenanceaction.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The loopback Sigstore as a process of its own, for {@code scripts/bench-sign} and the class-data
 * archive's training runs (scripts/build-image, the Dockerfile): starts a {@link LoopbackSigstore}
 * (OIDC token endpoint, Fulcio, Rekor over TLS) whose tokens carry {@link ActionRun}'s claims,
 * writes the instance into {@code DIR/instance} and the variables a signing job has into {@code
 * DIR/env} ({@code NAME=value} lines), then either prints {@code ready} and serves until its
 * standard input closes, or, given a command after {@code --}, runs it with those variables and
 * exits with its status (a training run needs no shell to start and stop the doubles).
 *
 * <p>Arguments: {@code DIR [-- COMMAND...]}.
 */
public final class ServeLoopbackSigstore {
  private ServeLoopbackSigstore() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args[0]);
    int status = 0;
    try (LoopbackSigstore sigstore = LoopbackSigstore.start(dir.resolve("instance"))) {
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
      if (args.length > 2 && args[1].equals("--")) {
        ProcessBuilder command = new ProcessBuilder(Arrays.asList(args).subList(2, args.length));
        command.environment().putAll(env);
        status = command.inheritIO().start().waitFor();
      } else {
        System.out.println("ready");
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream());
      }
    }
    System.exit(status);
  }
}
