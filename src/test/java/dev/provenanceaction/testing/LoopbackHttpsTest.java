package dev.provenanceaction.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The loopback servers answer a request only once all of it has arrived, even with an injected
 * failure that needs none of the body: otherwise the JDK's HTTPS server reads the rest after its
 * answer, together with the client's next request, which it then never serves (see {@link
 * LoopbackHttps}).
 */
class LoopbackHttpsTest {
  private static final TestTls TLS = TestTls.create();

  @Test
  void anInjectedFailureWaitsForTheWholeRequestAndTheConnectionServesTheNext() throws Exception {
    try (TimestampAuthorityServer server = TimestampAuthorityServer.start(TLS, "test-tsa");
        SSLSocket socket = connect(server.url())) {
      server.failNext(1, 503);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(ascii(head("POST", server.url().getPath(), 2)));
      out.flush();

      // An answer now would come before the body, which the server would read after answering.
      socket.setSoTimeout(500);
      assertThrows(SocketTimeoutException.class, in::read, "answered before the body arrived");

      socket.setSoTimeout(10_000);
      out.write(ascii("{}"));
      out.flush();
      assertEquals(503, status(in));
      out.write(ascii(head("GET", "/nothing-here", 0)));
      out.flush();
      assertEquals(404, status(in));
      assertEquals(2, server.requestCount());
    }
  }

  /**
   * As Google's front ends choose between AES-GCM and ChaCha20-Poly1305, so that a benchmark
   * against the doubles sees the suite a client would get from public-good's services.
   */
  @Test
  void theServersTakeTheCipherSuiteTheClientPrefers() throws Exception {
    try (TimestampAuthorityServer server = TimestampAuthorityServer.start(TLS, "test-tsa")) {
      for (String preferred : List.of("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256")) {
        try (SSLSocket socket = connect(server.url())) {
          List<String> suites = new ArrayList<>(List.of(socket.getEnabledCipherSuites()));
          suites.remove(preferred);
          suites.add(0, preferred);
          socket.setEnabledCipherSuites(suites.toArray(String[]::new));
          socket.startHandshake();
          assertEquals(preferred, socket.getSession().getCipherSuite());
        }
      }
    }
  }

  private static SSLSocket connect(URI url) throws IOException {
    return (SSLSocket)
        TLS.clientTrust()
            .sslContext()
            .getSocketFactory()
            .createSocket(url.getHost(), url.getPort());
  }

  private static String head(String method, String path, int contentLength) {
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads one response, its body by its {@code Content-Length}, and returns its status. */
  private static int status(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in a response's head: " + head);
      }
      head.write(b);
    }
    String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
    long length = 0;
    for (String line : lines) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes((int) length);
    return Integer.parseInt(lines[0].split(" ")[1]);
  }
}
