package dev.provenanceaction.sigstore;

import dev.provenanceaction.retry.Backoff;
import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.retry.GiveUp;
import dev.provenanceaction.retry.Retrier;
import dev.provenanceaction.retry.Sleeper;
import dev.provenanceaction.retry.TransientFailures;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;

/**
 * How a client retries a call to a Sigstore service: as the {@link Retrier} allows, and only after
 * transient failures: {@link HttpStatusException} with 5xx, 408 or 429 and {@link IOException}
 * (timeouts, resets, refused connections). Every wait is the backoff's: this client reads no time
 * to wait from Sigstore's answers.
 *
 * @param retrier the attempts, total time and waits
 */
public record RetryPolicy(Retrier retrier) {
  /** One attempt at a call. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws Exception;
  }

  /** The time {@link #standard()} allows, from when it is made, unless given a run's deadline. */
  static final Duration STANDARD_BUDGET = Duration.ofSeconds(15);

  public RetryPolicy {
    Objects.requireNonNull(retrier, "retrier");
  }

  /**
   * 4 attempts, no wait begun that would end past {@link #STANDARD_BUDGET}, waits from 1 s doubling
   * up to 8 s, half of each at random, waited for real; waits are not logged. With {@link
   * SigstoreHttp}'s timeouts a dead service ends the call in well under 20 s (see there).
   */
  public static RetryPolicy standard() {
    return new RetryPolicy(
        Retrier.of(
            4, STANDARD_BUDGET, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 0.5)));
  }

  /**
   * Where each wait is reported, e.g. {@code Rekor: HTTP 503, retrying in 1.2 s (attempt 2 of 4)}.
   */
  public RetryPolicy withLog(Consumer<String> log) {
    return new RetryPolicy(retrier.withLog(log));
  }

  /** Within the run's one deadline for network work, instead of a budget of its own. */
  public RetryPolicy withDeadline(Deadline deadline) {
    return new RetryPolicy(retrier.withDeadline(deadline));
  }

  /**
   * Waits with the run's {@code sleeper}, as the release upload does; a test's records the waits or
   * moves its clock. The time is measured on the deadline's clock ({@link #withDeadline}).
   */
  public RetryPolicy withSleeper(Sleeper sleeper) {
    return new RetryPolicy(retrier.withSleeper(sleeper));
  }

  /**
   * Runs the attempt until it succeeds, fails for good, or the attempts or time run out.
   *
   * @param service the service named in log lines and in the exception, e.g. {@code Rekor}
   * @throws SigstoreException naming the service and the last cause; a {@link SigstoreException}
   *     thrown by the attempt passes through unchanged and is never retried
   */
  public <T> T run(String service, Attempt<T> attempt) throws SigstoreException {
    try {
      return retrier.run(service, number -> attempt.run(), judge(service));
    } catch (SigstoreException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SigstoreException(service, "interrupted", e);
    } catch (Exception e) {
      throw new SigstoreException(service, describe(e), e);
    }
  }

  /** Sigstore's answers name no time to wait: every retry waits the backoff's time. */
  private static Retrier.Judge<Exception> judge(String service) {
    return new Retrier.Judge<>() {
      @Override
      public Optional<Retrier.Retry> retry(Exception failure) {
        boolean retried =
            !(failure instanceof SigstoreException)
                && !(failure instanceof InterruptedException)
                && isTransient(failure);
        return retried ? Optional.of(Retrier.Retry.after(describe(failure))) : Optional.empty();
      }

      @Override
      public Exception giveUp(GiveUp why, Optional<Exception> last) {
        if (last.isEmpty()) {
          return new SigstoreException(service, "not attempted: " + why.describe());
        }
        String within =
            why instanceof GiveUp.OutOfTime outOfTime
                ? " in " + Retrier.seconds(outOfTime.elapsed())
                : "";
        return new SigstoreException(
            service,
            "gave up after "
                + why.attempts()
                + " attempts"
                + within
                + ", last: "
                + describe(last.get()),
            last.get());
      }
    };
  }

  /** Whether a failure is worth another attempt, by the rule of {@link TransientFailures}. */
  public static boolean isTransient(Throwable failure) {
    if (TransientFailures.tlsHandshakeFailure(failure).isPresent()) {
      return false;
    }
    if (failure instanceof HttpStatusException status) {
      return status.isTransient();
    }
    return TransientFailures.isTransientIo(failure);
  }

  /** A short account of a failure for a person, without stack or secrets the caller added. */
  static String describe(Throwable failure) {
    SSLHandshakeException handshake = TransientFailures.tlsHandshakeFailure(failure).orElse(null);
    if (handshake != null) {
      return "TLS handshake failed, is the server's certificate trusted? ("
          + handshake.getMessage()
          + ")";
    }
    if (failure instanceof HttpStatusException status) {
      return status.getMessage();
    }
    if (failure instanceof ConnectException) {
      // Said as what it means, in the words of the innermost cause ("Connection refused").
      return "cannot connect (" + innermost(failure) + ")";
    }
    String message = failure.getMessage();
    String name = failure.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }

  private static String innermost(Throwable failure) {
    Throwable last = failure;
    for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
      last = t;
    }
    String message = last.getMessage();
    return message == null || message.isBlank() ? last.getClass().getSimpleName() : message;
  }
}
