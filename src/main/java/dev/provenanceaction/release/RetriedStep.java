package dev.provenanceaction.release;

import dev.provenanceaction.retry.GiveUp;
import dev.provenanceaction.retry.Retrier;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A step that is repeated whole after a transient failure: the one retry layer of the POSTs the
 * transport does not repeat. Steps that create something (a release, an asset) look first for what
 * an earlier attempt may have left, so repeating them is safe where repeating their POST alone
 * would not be. A request the transport already retried is not retried again.
 */
final class RetriedStep {
  private RetriedStep() {}

  static <T> T run(GithubRetryPolicy policy, String step, Retrier.Attempt<T, IOException> attempt)
      throws IOException {
    return run(policy, step, failure -> false, attempt);
  }

  /**
   * @param alsoRetry failures beyond {@link Failures#isTransient} that the next attempt cures
   */
  static <T> T run(
      GithubRetryPolicy policy,
      String step,
      Predicate<IOException> alsoRetry,
      Retrier.Attempt<T, IOException> attempt)
      throws IOException {
    Retrier.Judge<IOException> judge =
        new Retrier.Judge<>() {
          @Override
          public Optional<Retrier.Retry> retry(IOException failure) {
            boolean worthIt =
                (Failures.isTransient(failure) || alsoRetry.test(failure))
                    && !(failure instanceof InterruptedIOException);
            return worthIt
                ? Optional.of(Retrier.Retry.after(Failures.describe(failure)))
                : Optional.empty();
          }

          @Override
          public IOException giveUp(GiveUp why, Optional<IOException> last) {
            return new GithubGaveUpException(
                policy.gaveUp(step, last.map(Failures::describe), why), last.orElse(null));
          }
        };
    try {
      return policy.retrier().run(step, attempt, judge);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry " + step);
    }
  }
}
