package dev.provenanceaction.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.retry.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How long GitHub's rate limits make a call wait, and when waiting is given up. */
class GithubRetryPolicyTest {
  private final FakeTime time = new FakeTime();
  private final List<String> log = new ArrayList<>();
  private final GithubRetryPolicy policy =
      GithubRetryPolicy.standard(
              log::add, Deadline.after(Deadline.RUN_BUDGET, time), time.sleeper())
          .withResetClock(time);

  @Test
  void retryAfterIsWaitedAsAsked() {
    GithubRetryPolicy.RateLimitWait wait = policy.rateLimitWait(limit(7, -1, -1), 1);
    assertEquals(Duration.ofSeconds(7), wait.delay());
    assertEquals("retry-after: 7 s", wait.asked());
  }

  @Test
  void anExhaustedLimitIsWaitedUntilASecondPastItsReset() {
    long reset = FakeTime.START.plusSeconds(90).getEpochSecond();
    assertEquals(Duration.ofSeconds(91), policy.rateLimitWait(limit(-1, 0, reset), 1).delay());
    long past = FakeTime.START.minusSeconds(5).getEpochSecond();
    assertEquals(Duration.ofSeconds(1), policy.rateLimitWait(limit(-1, 0, past), 2).delay());
  }

  @Test
  void aLimitThatNamesNoTimeWaitsAMinuteMoreEachTime() {
    assertEquals(
        List.of(60L, 120L),
        List.of(1, 2).stream()
            .map(n -> policy.rateLimitWait(limit(-1, -1, -1), n).delay().toSeconds())
            .toList());
  }

  @Test
  void roundsPastTheDeadlineAreGivenUpAndLogged() throws InterruptedException {
    GithubRetryPolicy.Rounds rounds = policy.startWaiting("a.intoto.jsonl: wait");
    // 2 + 4 + 8 + 16 s of the 50 s budget; the fifth round is the last attempt.
    for (int i = 0; i < 4; i++) {
      assertTrue(rounds.waitBeforeNext("asset being replaced"));
    }
    assertFalse(rounds.waitBeforeNext("asset being replaced"));
    assertEquals(
        List.of(2L, 4L, 8L, 16L), time.sleeps().stream().map(Duration::toSeconds).toList());
    assertEquals(
        "a.intoto.jsonl: wait: asset being replaced, giving up after 5 attempts",
        log.get(log.size() - 1));

    // The deadline is the run's: a later call has 20 s of it left.
    GithubRetryPolicy.Rounds late = policy.startWaiting("later");
    for (int i = 0; i < 3; i++) {
      assertTrue(late.waitBeforeNext("again"));
    }
    assertFalse(late.waitBeforeNext("again"), "16 s more would pass 50 s after 30 + 14 s");
    assertEquals(
        "later: again, giving up: waiting 16.0 s more would pass the 50.0 s limit",
        log.get(log.size() - 1));
  }

  /** Rate-limit headers; -1 leaves one out. */
  private static RateLimitHeaders limit(
      long retryAfterSeconds, long remaining, long resetEpochSeconds) {
    return new RateLimitHeaders(
        present(retryAfterSeconds), present(remaining), present(resetEpochSeconds));
  }

  private static OptionalLong present(long value) {
    return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
