package dev.provenanceaction.sigstore;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The run's one way to do a step beside another: each on a daemon thread of its own, so that a step
 * left behind by a failure never keeps the JVM from exiting, and its failure rethrown as it was
 * thrown when the result is awaited.
 */
public final class Background {
  private Background() {}

  /** A step that may fail with a checked exception of its own kind. */
  @FunctionalInterface
  public interface Task<T, E extends Exception> {
    T run() throws E;
  }

  /** A step that may fail as a Sigstore step fails. */
  @FunctionalInterface
  public interface Step<T> extends Task<T, SigstoreException> {}

  /**
   * Starts the step on a new daemon thread of this name. Cancelling the result with {@code
   * cancel(true)} interrupts that thread, as a {@code FutureTask}'s does, so that a step no longer
   * wanted stops at its next wait (a retry's pause, a request not yet sent); a request under way
   * runs to its own time limit, as the JDK's HTTP connection does not notice interrupts.
   */
  public static <T, E extends Exception> CompletableFuture<T> start(String name, Task<T, E> step) {
    OnItsThread<T> result = new OnItsThread<>();
    Thread thread = new Thread(() -> run(step, result), name);
    thread.setDaemon(true);
    result.thread = thread;
    thread.start();
    return result;
  }

  /**
   * Starts the step on one of the pool's threads, for steps that must not all run at once; the
   * pool's owner stops what is left of them.
   */
  public static <T, E extends Exception> CompletableFuture<T> start(
      Executor pool, Task<T, E> step) {
    CompletableFuture<T> result = new CompletableFuture<>();
    pool.execute(() -> run(step, result));
    return result;
  }

  /**
   * Waits for the step.
   *
   * @throws SigstoreException the step's own failure; a runtime exception or error is rethrown too
   */
  public static <T> T await(CompletableFuture<T> step) throws SigstoreException {
    return await(step, SigstoreException.class);
  }

  /**
   * Waits for a step that fails with {@code failure}.
   *
   * @throws E the step's own failure; a runtime exception or error is rethrown too
   */
  public static <T, E extends Exception> T await(CompletableFuture<T> step, Class<E> failure)
      throws E {
    try {
      return step.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (failure.isInstance(cause)) {
        throw failure.cast(cause);
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

  private static <T> void run(Task<T, ?> step, CompletableFuture<T> result) {
    try {
      result.complete(step.run());
    } catch (Throwable e) {
      result.completeExceptionally(e);
    }
  }

  /** A step's result that knows the step's thread, to interrupt it when cancelled. */
  private static final class OnItsThread<T> extends CompletableFuture<T> {
    private volatile Thread thread;

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled && mayInterruptIfRunning) {
        thread.interrupt();
      }
      return cancelled;
    }
  }
}
