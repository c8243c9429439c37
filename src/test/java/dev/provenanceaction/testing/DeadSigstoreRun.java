package dev.provenanceaction.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
      ActionRun run = ActionRun.signingOneFile(temp.resolve("run"), sigstore, "pkg-1.0.tar.gz");
      run.timeAsProcess(jar, "pkg-1.0.tar.gz.intoto.jsonl");
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
