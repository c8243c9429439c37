package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.retry.Backoff;
import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.retry.Retrier;
import dev.provenanceaction.retry.Sleeper;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private long fakeNanos;

  private RetryPolicy policy() {
    return policy(4, Duration.ofMinutes(1));
  }

  private RetryPolicy policy(int maxAttempts, Duration maxTotalTime) {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 0.5);
    Sleeper sleeper =
        duration -> {
          sleeps.add(duration);
          fakeNanos += duration.toNanos();
        };
    return new RetryPolicy(
        new Retrier(
            maxAttempts,
            Deadline.after(maxTotalTime, () -> Instant.ofEpochSecond(0, fakeNanos)),
            backoff,
            sleeper,
            new Random(42),
            log::add));
  }

  @Test
  void retriesTransientHttpStatusThenSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String result =
        policy()
            .run(
                "Rekor",
                () -> {
                  if (calls.incrementAndGet() < 3) {
                    throw new HttpStatusException(503, null);
                  }
                  return "ok";
                });
    assertEquals("ok", result);
    assertEquals(3, calls.get());
    assertEquals(2, log.size());
    assertTrue(
        log.get(0).matches("Rekor: HTTP 503, retrying in \\d\\.\\d s \\(attempt 2 of 4\\)"),
        log.get(0));
    assertTrue(log.get(1).endsWith("(attempt 3 of 4)"), log.get(1));
  }

  @Test
  void finalFailureNamesServiceAttemptsAndLastCause() {
    SigstoreException e =
        assertThrows(
            SigstoreException.class,
            () ->
                policy()
                    .run(
                        "Rekor",
                        () -> {
                          throw new SocketTimeoutException("request timed out after 8.0 s");
                        }));
    assertEquals("Rekor", e.service());
    assertEquals(
        "Rekor: gave up after 4 attempts, last: SocketTimeoutException: request timed out after"
            + " 8.0 s",
        e.getMessage());
    assertTrue(e.getCause() instanceof SocketTimeoutException);
  }

  @Test
  void permanentFailureIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    SigstoreException e =
        assertThrows(
            SigstoreException.class,
            () ->
                policy()
                    .run(
                        "Fulcio",
                        () -> {
                          calls.incrementAndGet();
                          throw new HttpStatusException(400, "bad proof");
                        }));
    assertEquals(1, calls.get());
    assertEquals("Fulcio: HTTP 400: bad proof", e.getMessage());
    assertEquals("HTTP 400: bad proof", e.reason());
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void sigstoreExceptionPassesThroughUnchanged() {
    SigstoreException thrown = new SigstoreException("Rekor", "unusable answer");
    SigstoreException e =
        assertThrows(
            SigstoreException.class,
            () ->
                policy()
                    .run(
                        "Rekor",
                        () -> {
                          throw thrown;
                        }));
    assertSame(thrown, e);
  }

  @Test
  void givesUpBeforeWaitingPastTheTotalTime() {
    RetryPolicy policy = policy(10, Duration.ofSeconds(4));
    SigstoreException e =
        assertThrows(
            SigstoreException.class,
            () ->
                policy.run(
                    "OIDC",
                    () -> {
                      throw new HttpStatusException(429, null);
                    }));
    Duration slept = sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    assertTrue(slept.toMillis() <= 4000, "slept " + slept);
    assertEquals(
        "OIDC: gave up after "
            + (sleeps.size() + 1)
            + " attempts in "
            + Retrier.seconds(slept)
            + ", last: HTTP 429",
        e.getMessage());
  }

  @Test
  void classifiesFailures() {
    assertTrue(RetryPolicy.isTransient(new HttpStatusException(500, null)));
    assertTrue(RetryPolicy.isTransient(new HttpStatusException(408, null)));
    assertTrue(RetryPolicy.isTransient(new HttpStatusException(429, null)));
    assertFalse(RetryPolicy.isTransient(new HttpStatusException(400, null)));
    assertFalse(RetryPolicy.isTransient(new HttpStatusException(409, null)));
    assertTrue(RetryPolicy.isTransient(new IOException("connection reset")));
    assertFalse(RetryPolicy.isTransient(new IllegalStateException()));
    assertFalse(
        RetryPolicy.isTransient(new IOException("send", new SSLHandshakeException("PKIX"))));
  }

  @Test
  void aBareConnectExceptionIsDescribedByItsInnermostCause() {
    java.net.ConnectException refused = new java.net.ConnectException();
    refused.initCause(new java.net.ConnectException("Connection refused"));
    assertEquals("cannot connect (Connection refused)", RetryPolicy.describe(refused));
    java.net.ConnectException closed = new java.net.ConnectException();
    closed.initCause(new java.nio.channels.ClosedChannelException());
    assertEquals("cannot connect (ClosedChannelException)", RetryPolicy.describe(closed));
  }
}
