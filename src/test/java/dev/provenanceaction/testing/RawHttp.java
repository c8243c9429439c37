package dev.provenanceaction.testing;

import java.io.IOException;
import java.io.InputStream;

/** For tests whose TLS server speaks HTTP by hand, to shape what the client sees byte by byte. */
public final class RawHttp {
  private RawHttp() {}

  /** Reads a request's head, up to and with its empty line, and returns it. */
  public static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the request ended early");
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
