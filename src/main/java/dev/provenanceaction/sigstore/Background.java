package dev.provenanceaction.sigstore;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The run's one way to do a step beside another: each on a daemon thread of its own, so that a step
 * left behind by a failure never keeps the JVM from exiting, and its failure rethrown as it was
 * thrown when the result is awaited.
 */
public final class Background {
  private Background() {}

  /** A step that may fail as a Sigstore step fails. */
  @FunctionalInterface
  public interface Step<T> {
    T run() throws SigstoreException;
  }

  /** Starts the step on a new daemon thread of this name. */
  public static <T> CompletableFuture<T> start(String name, Step<T> step) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(step.run());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /**
   * Waits for the step.
   *
   * @throws SigstoreException the step's own failure; a runtime exception or error is rethrown too
   */
  public static <T> T await(CompletableFuture<T> step) throws SigstoreException {
    try {
      return step.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SigstoreException failure) {
        throw failure;
      }
      if (cause instanceof RuntimeException unexpected) {
        throw unexpected;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
