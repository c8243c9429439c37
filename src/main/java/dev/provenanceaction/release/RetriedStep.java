package dev.provenanceaction.release;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A step that is repeated whole after a transient failure. Steps that create something (a release,
 * an asset) look first for what an earlier attempt may have left, so repeating them is safe where
 * repeating their POST alone would not be.
 */
final class RetriedStep {
  /** One attempt at the step; {@code attempt} counts from 1. */
  @FunctionalInterface
  interface Attempt<T> {
    T run(int attempt) throws IOException;
  }

  private RetriedStep() {}

  static <T> T run(GithubRetryPolicy policy, String step, Attempt<T> attempt) throws IOException {
    return run(policy, step, failure -> false, attempt);
  }

  /**
   * @param alsoRetry failures beyond {@link Failures#isTransient} that the next attempt cures
   */
  static <T> T run(
      GithubRetryPolicy policy, String step, Predicate<IOException> alsoRetry, Attempt<T> attempt)
      throws IOException {
    GithubRetryPolicy.Retries retries = policy.start(step);
    while (true) {
      try {
        return attempt.run(retries.attempt());
      } catch (IOException e) {
        if (!(Failures.isTransient(e) || alsoRetry.test(e))
            || e instanceof InterruptedIOException) {
          throw e;
        }
        try {
          if (!retries.waitBeforeRetry(Failures.describe(e), Optional.empty())) {
            throw e;
          }
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting to retry " + step);
        }
      }
    }
  }
}
