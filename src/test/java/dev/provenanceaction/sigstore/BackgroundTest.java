package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundTest {
  @Test
  void cancellingAStepInterruptsItsThread() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CompletableFuture<String> step =
        Background.start(
            "sleeper",
            () -> {
              started.countDown();
              try {
                Thread.sleep(60_000);
                return "slept";
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw new SigstoreException("test", "interrupted", e);
              }
            });
    started.await();

    assertTrue(step.cancel(true));
    assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the step's thread was not interrupted");
  }

  @Test
  void awaitRethrowsTheStepsOwnCheckedFailure() {
    IllegalAccessException failure = new IllegalAccessException("the step's own");
    CompletableFuture<String> step =
        Background.start(
            "failing",
            () -> {
              throw failure;
            });

    assertSame(
        failure,
        assertThrows(
            IllegalAccessException.class,
            () -> Background.await(step, IllegalAccessException.class)));
  }

  @Test
  void aStepOnAPoolReturnsItsResult() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Thread caller = Thread.currentThread();
      assertEquals(
          "on the pool",
          Background.await(
              Background.start(
                  pool, () -> Thread.currentThread() != caller ? "on the pool" : "on the caller")));
    } finally {
      pool.shutdownNow();
    }
  }
}
