package dev.provenanceaction.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The attempts, waits and log lines of one call, on a clock that moves only when it sleeps. */
class RetrierTest {
  private static final Backoff FIXED = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 0);

  private final List<Duration> sleeps = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private Instant now = Instant.EPOCH;

  private Retrier retrier(int maxAttempts, Duration maxTotalTime, Backoff backoff) {
    return new Retrier(
        maxAttempts,
        Deadline.after(maxTotalTime, () -> now),
        backoff,
        duration -> {
          sleeps.add(duration);
          now = now.plus(duration);
        },
        new Random(42),
        log::add);
  }

  /** A call whose first two attempts failed and were retried. */
  private static Retrier.Attempts retriedTwice(Retrier retrier) throws InterruptedException {
    Retrier.Attempts attempts = retrier.start("OIDC");
    for (int i = 0; i < 2; i++) {
      assertEquals(Optional.empty(), attempts.waitBeforeRetry("HTTP 500", Optional.empty()));
    }
    return attempts;
  }

  @Test
  void waitsDoubleUpToTheCapAndEachIsLogged() throws Exception {
    Retrier.Attempts attempts = retrier(6, Duration.ofMinutes(1), FIXED).start("Rekor");
    for (int i = 0; i < 5; i++) {
      assertEquals(Optional.empty(), attempts.waitBeforeRetry("HTTP 503", Optional.empty()));
    }
    assertEquals(6, attempts.attempt());
    assertEquals(List.of(1L, 2L, 4L, 5L, 5L), sleeps.stream().map(Duration::toSeconds).toList());
    assertEquals(
        List.of(
            "Rekor: HTTP 503, retrying in 1.0 s (attempt 2 of 6)",
            "Rekor: HTTP 503, retrying in 2.0 s (attempt 3 of 6)",
            "Rekor: HTTP 503, retrying in 4.0 s (attempt 4 of 6)",
            "Rekor: HTTP 503, retrying in 5.0 s (attempt 5 of 6)",
            "Rekor: HTTP 503, retrying in 5.0 s (attempt 6 of 6)"),
        log);
  }

  @Test
  void jitterDrawsOnlyItsShareOfEachWait() throws Exception {
    Backoff halfRandom = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 0.5);
    Retrier.Attempts attempts = retrier(6, Duration.ofMinutes(1), halfRandom).start("Fulcio");
    for (int i = 0; i < 5; i++) {
      attempts.waitBeforeRetry("UNAVAILABLE", Optional.empty());
    }
    long[] bases = {1000, 2000, 4000, 5000, 5000};
    for (int i = 0; i < bases.length; i++) {
      long millis = sleeps.get(i).toMillis();
      assertTrue(
          millis >= bases[i] / 2 && millis <= bases[i], "wait " + i + " was " + millis + " ms");
    }
    assertTrue(sleeps.stream().distinct().count() > 1, "the random share varies: " + sleeps);
  }

  @Test
  void aWaitTheServerAskedForReplacesTheBackoffButStillCountsAnAttempt() throws Exception {
    Retrier.Attempts attempts = retrier(4, Duration.ofMinutes(1), FIXED).start("GET /releases");
    attempts.waitBeforeRetry("HTTP 429 rate limited", Optional.of(Duration.ofSeconds(7)));
    attempts.waitBeforeRetry("HTTP 502", Optional.empty());

    assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(2)), sleeps);
    assertEquals(3, attempts.attempt());
    assertEquals(
        "GET /releases: HTTP 429 rate limited, retrying in 7.0 s (attempt 2 of 4)", log.get(0));
  }

  @Test
  void givesUpAfterTheLastAttemptWithoutWaiting() throws Exception {
    Retrier.Attempts attempts = retriedTwice(retrier(3, Duration.ofMinutes(1), FIXED));

    assertEquals(
        Optional.of(new GiveUp.OutOfAttempts(3)),
        attempts.waitBeforeRetry("HTTP 500", Optional.empty()));
    assertEquals(2, sleeps.size());
    assertEquals(2, log.size());
  }

  @Test
  void givesUpRatherThanWaitPastTheTotalTime() throws Exception {
    Retrier.Attempts attempts = retriedTwice(retrier(10, Duration.ofSeconds(4), FIXED));

    assertEquals(
        Optional.of(
            new GiveUp.OutOfTime(
                3, Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(4))),
        attempts.waitBeforeRetry("HTTP 429", Optional.empty()));
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
    assertEquals(
        Optional.of(
            new GiveUp.OutOfTime(
                3, Duration.ofSeconds(3), Duration.ofSeconds(60), Duration.ofSeconds(4))),
        attempts.waitBeforeRetry("HTTP 429", Optional.of(Duration.ofSeconds(60))));
  }

  @Test
  void oneAttemptIsNeverRetried() throws Exception {
    Retrier.Attempts attempts = retrier(1, Duration.ofMinutes(1), FIXED).start("Rekor");
    assertEquals(
        Optional.of(new GiveUp.OutOfAttempts(1)),
        attempts.waitBeforeRetry("HTTP 503", Optional.empty()));
    assertEquals(List.of(), sleeps);
  }

  @Test
  void boundsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> retrier(0, Duration.ofMinutes(1), FIXED));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 1.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), Double.NaN));
  }

  /** Retries IOExceptions saying "transient", gives up with an exception naming why. */
  private final Retrier.Judge<IOException> judge =
      new Retrier.Judge<>() {
        @Override
        public Optional<Retrier.Retry> retry(IOException failure) {
          return failure.getMessage().startsWith("transient")
              ? Optional.of(Retrier.Retry.after(failure.getMessage()))
              : Optional.empty();
        }

        @Override
        public IOException giveUp(GiveUp why, Optional<IOException> last) {
          return new IOException("gave up " + why.describe(), last.orElse(null));
        }
      };

  @Test
  void theLoopRetriesWhatTheJudgeNamesUntilAnAttemptSucceeds() throws Exception {
    List<Integer> attempts = new ArrayList<>();
    String result =
        retrier(5, Duration.ofMinutes(1), FIXED)
            .run(
                "Rekor",
                attempt -> {
                  attempts.add(attempt);
                  if (attempt < 3) {
                    throw new IOException("transient reset " + attempt);
                  }
                  return "logged";
                },
                judge);

    assertEquals("logged", result);
    assertEquals(List.of(1, 2, 3), attempts);
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
    assertEquals("Rekor: transient reset 2, retrying in 2.0 s (attempt 3 of 5)", log.get(1));
  }

  @Test
  void aFailureForGoodIsThrownAsItIsAndOneOutOfAttemptsThroughTheJudge() {
    IOException permanent = new IOException("permanent: 404");
    Retrier retrier = retrier(3, Duration.ofMinutes(1), FIXED);
    assertSame(
        permanent,
        assertThrows(
            IOException.class,
            () ->
                retrier.run(
                    "GET",
                    attempt -> {
                      throw permanent;
                    },
                    judge)));
    assertEquals(List.of(), sleeps);

    IOException gaveUp =
        assertThrows(
            IOException.class,
            () ->
                retrier.run(
                    "GET",
                    attempt -> {
                      throw new IOException("transient " + attempt);
                    },
                    judge));
    assertEquals("gave up after 3 attempts", gaveUp.getMessage());
    assertEquals("transient 3", gaveUp.getCause().getMessage());
  }

  @Test
  void theDeadlineIsSharedAndNoAttemptBeginsAfterIt() throws Exception {
    Deadline deadline = Deadline.after(Duration.ofSeconds(10), () -> now);
    Retrier github = retrier(10, Duration.ofMinutes(1), FIXED).withDeadline(deadline);
    Retrier rekor = retrier(10, Duration.ofMinutes(1), FIXED).withDeadline(deadline);
    List<Integer> attempts = new ArrayList<>();
    Retrier.Attempt<String, IOException> failing =
        attempt -> {
          attempts.add(attempt);
          throw new IOException("transient 503");
        };

    // 1 + 2 + 4 s, then 5 s more would end past 10 s.
    IOException first = assertThrows(IOException.class, () -> github.run("GitHub", failing, judge));
    assertEquals("gave up waiting 5.0 s more would pass the 10.0 s limit", first.getMessage());
    // The other client has 3 s of the same deadline left: 1 + 2 s.
    assertThrows(IOException.class, () -> rekor.run("Rekor", failing, judge));
    assertEquals(List.of(1L, 2L, 4L, 1L, 2L), sleeps.stream().map(Duration::toSeconds).toList());
    assertTrue(deadline.expired());

    attempts.clear();
    IOException late = assertThrows(IOException.class, () -> rekor.run("Rekor", failing, judge));
    assertEquals(List.of(), attempts);
    assertEquals("gave up the 10.0 s limit had passed before the first attempt", late.getMessage());
    assertNull(late.getCause());
  }
}
