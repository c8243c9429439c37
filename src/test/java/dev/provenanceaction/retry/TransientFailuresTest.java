package dev.provenanceaction.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.stream.IntStream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The one rule of what another attempt may cure, for GitHub and Sigstore alike. */
class TransientFailuresTest {
  @Test
  void statuses408And429AndEvery5xxAreTransientAndNoOther() {
    List<Integer> transientStatuses =
        IntStream.range(100, 700).filter(TransientFailures::isTransientStatus).boxed().toList();
    List<Integer> expected =
        IntStream.concat(IntStream.of(408, 429), IntStream.range(500, 600)).boxed().toList();
    assertEquals(expected, transientStatuses);
  }

  @Test
  void ioErrorsAreTransientButAFailedTlsHandshakeIsNot() {
    assertTrue(TransientFailures.isTransientIo(new ConnectException()));
    assertTrue(TransientFailures.isTransientIo(new HttpTimeoutException("request timed out")));
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    assertFalse(TransientFailures.isTransientIo(handshake));
    IOException wrapped = new IOException("GET api.github.com/repos/o/r", handshake);
    assertFalse(TransientFailures.isTransientIo(wrapped));
    assertEquals(handshake, TransientFailures.tlsHandshakeFailure(wrapped).orElseThrow());
    assertFalse(TransientFailures.isTransientIo(new IllegalStateException("a bug")));
  }
}
