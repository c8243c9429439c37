package dev.provenanceaction.sigstore;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The run's TLS clients offer ChaCha20-Poly1305 before AES-GCM, as clients without AES hardware do:
 * this JVM runs its crypto in C1-compiled Java, and C1 has none of the AES and GHASH intrinsics
 * that make AES-GCM fast. In a cold JVM with the image's flags, sixteen-kilobyte records after the
 * first took about 1.2 ms each with AES-256-GCM and 0.4-0.6 ms with ChaCha20-Poly1305, and a
 * signing run that uploads a 1,000-subject statement to Rekor v1 took 22 ms less (BENCHMARKS.md,
 * session 21). Servers that let the client choose between the two, as Google's front ends (where
 * public-good's services are), Go's TLS and Cloudflare's do, then take ChaCha20; a server that
 * keeps to its own order chooses as before. No suite is added or removed: each ChaCha20 suite only
 * moves ahead of the first suite of its own key exchange (TLS 1.3's, ECDHE-ECDSA's, ...).
 */
public final class ChaChaFirst {
  private ChaChaFirst() {}

  /** The context's default client parameters, ChaCha20-Poly1305 first; for the JDK's HttpClient. */
  public static SSLParameters parameters(SSLContext context) {
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setCipherSuites(order(parameters.getCipherSuites()));
    return parameters;
  }

  /** The context's sockets, each offering ChaCha20-Poly1305 first; for HttpsURLConnection. */
  static SSLSocketFactory sockets(SSLContext context) {
    return new Sockets(
        context.getSocketFactory(), order(context.getDefaultSSLParameters().getCipherSuites()));
  }

  /** {@code suites} in their order but for each ChaCha20 suite, moved ahead of its kin. */
  static String[] order(String[] suites) {
    Map<String, List<String>> chachaByKeyExchange = new HashMap<>();
    for (String suite : suites) {
      if (suite.contains("_CHACHA20_")) {
        List<String> kin = chachaByKeyExchange.get(keyExchange(suite));
        if (kin == null) {
          kin = new ArrayList<>();
          chachaByKeyExchange.put(keyExchange(suite), kin);
        }
        kin.add(suite);
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (String suite : suites) {
      ordered.addAll(chachaByKeyExchange.getOrDefault(keyExchange(suite), List.of()));
      ordered.add(suite);
    }
    return ordered.toArray(String[]::new);
  }

  /** {@code TLS_ECDHE_ECDSA} of {@code TLS_ECDHE_ECDSA_WITH_...}; TLS 1.3's suites name none. */
  private static String keyExchange(String suite) {
    int with = suite.indexOf("_WITH_");
    return with < 0 ? "" : suite.substring(0, with);
  }

  /** The JDK's sockets, each given the order before its handshake. */
  private static final class Sockets extends SSLSocketFactory {
    private final SSLSocketFactory jdk;
    private final String[] suites;

    Sockets(SSLSocketFactory jdk, String[] suites) {
      this.jdk = jdk;
      this.suites = suites;
    }

    private Socket ordered(Socket socket) {
      ((SSLSocket) socket).setEnabledCipherSuites(suites);
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return suites.clone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return jdk.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return ordered(jdk.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
        throws IOException {
      return ordered(jdk.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose)
        throws IOException {
      return ordered(jdk.createSocket(socket, consumed, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return ordered(jdk.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return ordered(jdk.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return ordered(jdk.createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return ordered(jdk.createSocket(address, port, localAddress, localPort));
    }
  }
}
