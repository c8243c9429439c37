package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.LoopbackSigstore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed run (the real path against the loopback Sigstore) whose Fulcio does not answer within
 * what is left of the run's deadline: its request is cut off at the deadline, not after the 8 s a
 * request is otherwise allowed, and the run ends within its budget with an error that names Fulcio,
 * having written nothing. A Fulcio that fails only for a while is retried, waiting with the run's
 * sleeper.
 */
class DeadSigstoreTest {
  private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
  private static final Duration SPENT_BEFORE_SIGNING = Deadline.RUN_BUDGET.minusSeconds(4);

  @TempDir Path temp;
  private LoopbackSigstore sigstore;
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() {
    sigstore = LoopbackSigstore.start(temp.resolve("sigstore"));
  }

  @AfterEach
  void stop() {
    sigstore.close();
  }

  @Test
  void aFulcioThatAnswersTooLateIsCutOffAtTheRunsDeadline() throws Exception {
    sigstore.fulcio().delayNext(Duration.ofSeconds(30));
    RunClock clock = new RunClock();

    ActionRun run = signedRun(clock);

    assertEquals(1, run.exitCode(), run.stdout());
    List<String> errors = run.stdout().lines().filter(line -> line.startsWith("::error")).toList();
    assertEquals(1, errors.size(), run.stdout());
    assertTrue(
        errors
            .get(0)
            .matches(
                "::error title=Fulcio failed::Fulcio: gave up after 1 attempts in 50\\.\\d s,"
                    + " last: SocketTimeoutException: request timed out after \\d\\.\\d s"),
        errors.get(0));
    assertEquals(1, sigstore.fulcio().requestCount());
    assertEquals(List.of(), waits, "no wait begun that would end past the deadline");
    // The 8 s Fulcio's request is otherwise allowed would end at least 4 s past the budget.
    Duration taken = Duration.between(START, clock.instant());
    assertTrue(taken.compareTo(Deadline.RUN_BUDGET.plusSeconds(3)) < 0, "the run took " + taken);
    assertFalse(
        Files.exists(run.workspace().resolve("octo_pkg-1.2.3.tar.gz.intoto.jsonl")),
        "nothing signed, nothing written");
  }

  @Test
  void aFulcioThatFailsTwiceIsRetriedWithTheRunsWaits() throws Exception {
    sigstore.fulcio().failNext(2, 503);

    ActionRun run = signedRun(Deadline.MONOTONIC);

    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(3, sigstore.fulcio().requestCount());
    // The run's sleeper, not a real one: the Sigstore calls wait as the release upload does.
    assertEquals(2, waits.size(), waits.toString());
    assertTrue(
        Files.exists(run.workspace().resolve("octo_pkg-1.2.3.tar.gz.intoto.jsonl")), "signed");
  }

  private ActionRun signedRun(InstantSource clock) throws Exception {
    return ActionRun.signingOneFile(temp.resolve("run"), sigstore, "octo_pkg-1.2.3.tar.gz")
        .networkTime(waits::add, clock)
        .run();
  }

  /**
   * The run's clock: the deadline is made at its first reading; from then on it runs in real time
   * from a point {@link #SPENT_BEFORE_SIGNING} later, as if slow services had used most of the
   * budget.
   */
  private static final class RunClock implements InstantSource {
    private long firstRead;

    @Override
    public synchronized Instant instant() {
      if (firstRead == 0) {
        firstRead = System.nanoTime();
        return START;
      }
      return START.plus(SPENT_BEFORE_SIGNING).plusNanos(System.nanoTime() - firstRead);
    }
  }
}
