package dev.provenanceaction.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * For {@code scripts/bench-dead-github}: one signed run of the action's jar as its own process (the
 * real path against the loopback Sigstore) whose {@code GITHUB_API_URL} is a closed port, printing
 * each retry line and the {@code ::error} with the wall time since the process started.
 */
public final class DeadGithubRun {
  private DeadGithubRun() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/provenance-action.jar");
    Path temp = Files.createTempDirectory("dead-github");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (LoopbackSigstore sigstore = LoopbackSigstore.start(temp.resolve("sigstore"))) {
      sigstore.oidc().setClaims(ActionRun.claims("public"));
      ActionRun run = new ActionRun(temp.resolve("run"));
      Files.writeString(run.workspace().resolve("pkg-1.0.tar.gz"), "sdist");
      String sums = "a".repeat(64) + "  pkg-1.0.tar.gz\n";
      run.env(sigstore.oidcEnvironment())
          .env("GITHUB_API_URL", "https://127.0.0.1:" + port)
          .input("sigstore", sigstore.directory().toString())
          .input("github-token", "ghs_deadGithubTokenNeverPrinted")
          .input(
              "subject-base64",
              Base64.getEncoder().encodeToString(sums.getBytes(StandardCharsets.UTF_8)));
      run.timeAsProcess(jar, "pkg-1.0.tar.gz.intoto.jsonl");
    }
  }
}
