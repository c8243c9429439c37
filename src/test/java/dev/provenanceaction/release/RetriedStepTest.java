package dev.provenanceaction.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.provenanceaction.retry.Deadline;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** A step repeated whole: its attempts, the waits between them and what is logged. */
class RetriedStepTest {
  private final FakeTime time = new FakeTime();
  private final List<String> log = new ArrayList<>();
  private final GithubRetryPolicy policy =
      GithubRetryPolicy.standard(
          log::add, Deadline.after(Deadline.RUN_BUDGET, time), time.sleeper());
  private final List<Integer> attempts = new ArrayList<>();

  @Test
  void aTransientFailureIsRetriedWithGrowingWaits() throws IOException {
    String result =
        RetriedStep.run(
            policy,
            "create release",
            attempt -> {
              attempts.add(attempt);
              if (attempt < 3) {
                throw new IOException("connection reset");
              }
              return "created";
            });

    assertEquals("created", result);
    assertEquals(List.of(1, 2, 3), attempts);
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), time.sleeps());
    assertEquals(
        List.of(
            "create release: IOException: connection reset, retrying in 2.0 s (attempt 2 of 5)",
            "create release: IOException: connection reset, retrying in 4.0 s (attempt 3 of 5)"),
        log);
  }

  @Test
  void givesUpAfterFiveAttemptsWithTheLastError() {
    IOException e =
        failEveryAttempt(
            "upload a.intoto.jsonl",
            attempt -> new GithubApiException("POST assets", 502, "attempt " + attempt));

    assertEquals(
        "GitHub: upload a.intoto.jsonl failed, gave up after 5 attempts; last: GithubApiException:"
            + " POST assets: HTTP 502: attempt 5",
        e.getMessage());
    assertEquals("POST assets: HTTP 502: attempt 5", e.getCause().getMessage());
    assertEquals(List.of(1, 2, 3, 4, 5), attempts);
    assertEquals(
        List.of(2L, 4L, 8L, 16L), time.sleeps().stream().map(Duration::toSeconds).toList());
    assertEquals(
        "upload a.intoto.jsonl: GithubApiException: POST assets: HTTP 502: attempt 5, giving up"
            + " after 5 attempts",
        log.get(log.size() - 1));
  }

  @Test
  void aClientErrorIsNotRetriedUnlessTheStepSaysTheNextAttemptCuresIt() throws IOException {
    GithubApiException notFound = new GithubApiException("GET release", 404, "Not Found");
    assertSame(notFound, failEveryAttempt("find release", attempt -> notFound));
    assertEquals(List.of(1), attempts);

    String result =
        RetriedStep.run(
            policy,
            "upload",
            failure -> failure == notFound,
            attempt -> {
              if (attempt == 1) {
                throw notFound;
              }
              return "uploaded";
            });
    assertEquals("uploaded", result);
    assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
  }

  private IOException failEveryAttempt(String step, IntFunction<IOException> failure) {
    return assertThrows(
        IOException.class,
        () ->
            RetriedStep.run(
                policy,
                step,
                attempt -> {
                  attempts.add(attempt);
                  throw failure.apply(attempt);
                }));
  }
}
