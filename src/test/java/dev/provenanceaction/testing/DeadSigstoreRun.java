package dev.provenanceaction.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * For {@code scripts/bench-dead-sigstore}: one signed run of the action's jar as its own process
 * against the loopback Sigstore whose Fulcio completes the TLS handshake and then never answers,
 * printing each retry line and the {@code ::error} with the wall time since the process started.
 */
public final class DeadSigstoreRun {
  private DeadSigstoreRun() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/provenance-action.jar");
    Path temp = Files.createTempDirectory("dead-sigstore");
    try (LoopbackSigstore sigstore = LoopbackSigstore.start(temp.resolve("sigstore"));
        SSLServerSocket silent =
            (SSLServerSocket)
                sigstore
                    .tls()
                    .serverSslContext()
                    .getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      holdConnectionsOpen(silent);
      Path config = sigstore.directory().resolve("signing_config.json");
      Files.writeString(
          config,
          Files.readString(config)
              .replace(
                  sigstore.fulcio().url().toString(),
                  "https://localhost:" + silent.getLocalPort()));
      sigstore.oidc().setClaims(ActionRun.claims("public"));
      ActionRun run = new ActionRun(temp.resolve("run"));
      Files.writeString(run.workspace().resolve("pkg-1.0.tar.gz"), "sdist");
      String sums = "a".repeat(64) + "  pkg-1.0.tar.gz\n";
      run.env(sigstore.oidcEnvironment())
          .input("sigstore", sigstore.directory().toString())
          .input("upload-assets", "false")
          .input(
              "subject-base64",
              Base64.getEncoder().encodeToString(sums.getBytes(StandardCharsets.UTF_8)));
      ProcessBuilder process = new ProcessBuilder("java", "-jar", jar.toString());
      process.environment().putAll(run.environment());
      process.redirectErrorStream(true);
      long start = System.nanoTime();
      Process action = process.start();
      double toError = -1;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(action.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          double seconds = (System.nanoTime() - start) / 1e9;
          if (line.startsWith("::error") && toError < 0) {
            toError = seconds;
          }
          if (line.startsWith("::error") || line.contains("retrying")) {
            System.out.printf(Locale.ROOT, "%7.2f s  %s%n", seconds, line);
          }
        }
      }
      int exit = action.waitFor();
      System.out.printf(
          Locale.ROOT,
          "wall time to ::error %.2f s, exit %d after %.2f s; provenance file written: %s%n",
          toError,
          exit,
          (System.nanoTime() - start) / 1e9,
          Files.exists(run.workspace().resolve("pkg-1.0.tar.gz.intoto.jsonl")));
    }
  }

  /** Accepts and completes each handshake, then neither reads nor answers until the end. */
  private static void holdConnectionsOpen(SSLServerSocket server) {
    List<SSLSocket> open = new CopyOnWriteArrayList<>();
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  SSLSocket socket = (SSLSocket) server.accept();
                  socket.startHandshake();
                  open.add(socket);
                } catch (IOException e) {
                  // the server closed, or the client gave up mid-handshake
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }
}
