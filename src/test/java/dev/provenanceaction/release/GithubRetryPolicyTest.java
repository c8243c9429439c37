package dev.provenanceaction.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How long GitHub's rate limits make a call wait, and when waiting is given up. */
class GithubRetryPolicyTest {
  private final FakeTime time = new FakeTime();
  private final List<String> log = new ArrayList<>();
  private final GithubRetryPolicy.Retries retries =
      GithubRetryPolicy.standard(log::add).withTime(time.sleeper(), time).start("GET releases");

  @Test
  void retryAfterIsWaitedAsAsked() throws InterruptedException {
    assertTrue(retries.waitBeforeRetry("HTTP 403 rate limited", limit(7, -1, -1)));
    assertEquals(List.of(Duration.ofSeconds(7)), time.sleeps());
    assertEquals(
        List.of("GET releases: HTTP 403 rate limited, retrying in 7.0 s (attempt 2 of 5)"), log);
  }

  @Test
  void anExhaustedLimitIsWaitedUntilASecondPastItsReset() throws InterruptedException {
    long reset = FakeTime.START.plusSeconds(90).getEpochSecond();
    assertTrue(retries.waitBeforeRetry("HTTP 429 rate limited", limit(-1, 0, reset)));
    long past = FakeTime.START.minusSeconds(5).getEpochSecond();
    assertTrue(retries.waitBeforeRetry("HTTP 429 rate limited", limit(-1, 0, past)));
    assertEquals(List.of(Duration.ofSeconds(91), Duration.ofSeconds(1)), time.sleeps());
  }

  @Test
  void aLimitThatNamesNoTimeWaitsAMinuteMoreEachTime() throws InterruptedException {
    assertTrue(retries.waitBeforeRetry("HTTP 403 rate limited", limit(-1, -1, -1)));
    assertTrue(retries.waitBeforeRetry("HTTP 502", Optional.empty()));
    assertTrue(retries.waitBeforeRetry("HTTP 403 rate limited", limit(-1, -1, -1)));
    assertEquals(List.of(60L, 4L, 120L), time.sleeps().stream().map(Duration::toSeconds).toList());
  }

  @Test
  void aWaitPastTheTotalTimeIsGivenUpAndLogged() throws InterruptedException {
    assertFalse(retries.waitBeforeRetry("HTTP 429 rate limited", limit(3600, -1, -1)));
    assertEquals(List.of(), time.sleeps());
    assertEquals(
        List.of(
            "GET releases: HTTP 429 rate limited, giving up: waiting 3600.0 s more would pass the"
                + " 600.0 s limit"),
        log);
  }

  /** Rate-limit headers; -1 leaves one out. */
  private static Optional<RateLimitHeaders> limit(
      long retryAfterSeconds, long remaining, long resetEpochSeconds) {
    return Optional.of(
        new RateLimitHeaders(
            present(retryAfterSeconds), present(remaining), present(resetEpochSeconds)));
  }

  private static OptionalLong present(long value) {
    return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
