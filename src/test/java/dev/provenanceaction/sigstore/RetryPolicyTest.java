package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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
    return RetryPolicy.standard()
        .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5))
        .withMaxTotalTime(Duration.ofMinutes(1))
        .withRandom(new Random(42))
        .withLog(log::add)
        .withTime(
            duration -> {
              sleeps.add(duration);
              fakeNanos += duration.toNanos();
            },
            () -> fakeNanos);
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
  void backoffGrowsWithJitterAndStopsAtTheCap() {
    RetryPolicy policy = policy().withMaxAttempts(6);
    assertThrows(
        SigstoreException.class,
        () ->
            policy.run(
                "Fulcio",
                () -> {
                  throw Status.UNAVAILABLE.asRuntimeException();
                }));
    assertEquals(5, sleeps.size());
    long[] bases = {1000, 2000, 4000, 5000, 5000};
    for (int i = 0; i < bases.length; i++) {
      long millis = sleeps.get(i).toMillis();
      assertTrue(
          millis >= bases[i] / 2 && millis <= bases[i], "wait " + i + " was " + millis + " ms");
    }
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
                          throw new HttpTimeoutException("request timed out");
                        }));
    assertEquals("Rekor", e.service());
    assertEquals(
        "Rekor: gave up after 4 attempts, last: HttpTimeoutException: request timed out",
        e.getMessage());
    assertTrue(e.getCause() instanceof HttpTimeoutException);
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
                          throw Status.INVALID_ARGUMENT
                              .withDescription("bad proof")
                              .asRuntimeException();
                        }));
    assertEquals(1, calls.get());
    assertEquals("Fulcio: INVALID_ARGUMENT: bad proof", e.getMessage());
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
    RetryPolicy policy = policy().withMaxAttempts(10).withMaxTotalTime(Duration.ofSeconds(4));
    SigstoreException e =
        assertThrows(
            SigstoreException.class,
            () ->
                policy.run(
                    "OIDC",
                    () -> {
                      throw new HttpStatusException(429, null);
                    }));
    long slept = sleeps.stream().mapToLong(Duration::toMillis).sum();
    assertTrue(slept <= 4000, "slept " + slept + " ms");
    assertTrue(e.getMessage().startsWith("OIDC: gave up after "), e.getMessage());
    assertTrue(e.getMessage().endsWith("last: HTTP 429"), e.getMessage());
  }

  @Test
  void classifiesFailures() {
    assertTrue(RetryPolicy.isTransient(new HttpStatusException(500, null)));
    assertTrue(RetryPolicy.isTransient(new HttpStatusException(408, null)));
    assertTrue(RetryPolicy.isTransient(new HttpStatusException(429, null)));
    assertFalse(RetryPolicy.isTransient(new HttpStatusException(400, null)));
    assertFalse(RetryPolicy.isTransient(new HttpStatusException(409, null)));
    assertTrue(RetryPolicy.isTransient(new IOException("connection reset")));
    assertTrue(RetryPolicy.isTransient(Status.DEADLINE_EXCEEDED.asRuntimeException()));
    assertTrue(RetryPolicy.isTransient(Status.RESOURCE_EXHAUSTED.asRuntimeException()));
    assertTrue(RetryPolicy.isTransient(Status.INTERNAL.asRuntimeException()));
    assertFalse(RetryPolicy.isTransient(Status.UNAUTHENTICATED.asRuntimeException()));
    assertFalse(RetryPolicy.isTransient(new IllegalStateException()));
    assertFalse(
        RetryPolicy.isTransient(
            Status.UNAVAILABLE.withCause(new SSLHandshakeException("PKIX")).asRuntimeException()));
  }
}
