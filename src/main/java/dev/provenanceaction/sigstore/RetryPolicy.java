package dev.provenanceaction.sigstore;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLHandshakeException;

/**
 * How a client retries a call to a Sigstore service: a bounded number of attempts within a bounded
 * total time, waiting between them with capped exponential backoff and jitter. Only transient
 * failures are retried: {@link HttpStatusException} with 5xx, 408 or 429, {@link IOException}
 * (timeouts, resets, refused connections) and gRPC {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED},
 * {@code RESOURCE_EXHAUSTED} and {@code INTERNAL} (Fulcio's answer when its CT log or KMS fails).
 *
 * <p>Instances are immutable; the {@code with*} methods return changed copies.
 */
public final class RetryPolicy {
  private static final Set<Status.Code> TRANSIENT_GRPC_CODES =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.INTERNAL);

  /** Waits; tests pass one that returns at once. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** One attempt at a call. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws Exception;
  }

  private final int maxAttempts;
  private final Duration maxTotalTime;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;
  private final Random random;
  private final Consumer<String> log;

  private RetryPolicy(
      int maxAttempts,
      Duration maxTotalTime,
      Duration initialDelay,
      Duration maxDelay,
      Sleeper sleeper,
      LongSupplier nanoTime,
      Random random,
      Consumer<String> log) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.maxTotalTime = Objects.requireNonNull(maxTotalTime, "maxTotalTime");
    this.initialDelay = Objects.requireNonNull(initialDelay, "initialDelay");
    this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.random = Objects.requireNonNull(random, "random");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** 4 attempts within 2 minutes, waits from 1 s doubling up to 15 s; waits are not logged. */
  public static RetryPolicy standard() {
    return new RetryPolicy(
        4,
        Duration.ofMinutes(2),
        Duration.ofSeconds(1),
        Duration.ofSeconds(15),
        duration -> Thread.sleep(duration.toMillis()),
        System::nanoTime,
        new Random(),
        message -> {});
  }

  /** One attempt, no retry. */
  public static RetryPolicy once() {
    return standard().withMaxAttempts(1);
  }

  public RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(
        maxAttempts, maxTotalTime, initialDelay, maxDelay, sleeper, nanoTime, random, log);
  }

  /** Gives up rather than wait past this much time since the first attempt began. */
  public RetryPolicy withMaxTotalTime(Duration maxTotalTime) {
    return new RetryPolicy(
        maxAttempts, maxTotalTime, initialDelay, maxDelay, sleeper, nanoTime, random, log);
  }

  /** The first wait before jitter, and the cap the doubling waits stop at. */
  public RetryPolicy withBackoff(Duration initialDelay, Duration maxDelay) {
    return new RetryPolicy(
        maxAttempts, maxTotalTime, initialDelay, maxDelay, sleeper, nanoTime, random, log);
  }

  /** Replaces real waiting and the clock the total time is measured on (for tests). */
  public RetryPolicy withTime(Sleeper sleeper, LongSupplier nanoTime) {
    return new RetryPolicy(
        maxAttempts, maxTotalTime, initialDelay, maxDelay, sleeper, nanoTime, random, log);
  }

  public RetryPolicy withRandom(Random random) {
    return new RetryPolicy(
        maxAttempts, maxTotalTime, initialDelay, maxDelay, sleeper, nanoTime, random, log);
  }

  /**
   * Where each wait is reported, e.g. {@code Rekor: HTTP 503, retrying in 1.2 s (attempt 2 of 4)}.
   */
  public RetryPolicy withLog(Consumer<String> log) {
    return new RetryPolicy(
        maxAttempts, maxTotalTime, initialDelay, maxDelay, sleeper, nanoTime, random, log);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Runs the attempt until it succeeds, fails for good, or the attempts or time run out.
   *
   * @param service the service named in log lines and in the exception, e.g. {@code Rekor}
   * @throws SigstoreException naming the service and the last cause; a {@link SigstoreException}
   *     thrown by the attempt passes through unchanged and is never retried
   */
  public <T> T run(String service, Attempt<T> attempt) throws SigstoreException {
    long start = nanoTime.getAsLong();
    for (int attemptNumber = 1; ; attemptNumber++) {
      Exception failure;
      try {
        return attempt.run();
      } catch (SigstoreException e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SigstoreException(service, "interrupted", e);
      } catch (Exception e) {
        failure = e;
      }
      String cause = describe(failure);
      if (!isTransient(failure)) {
        throw new SigstoreException(service, cause, failure);
      }
      if (attemptNumber >= maxAttempts) {
        throw new SigstoreException(
            service, "gave up after " + attemptNumber + " attempts, last: " + cause, failure);
      }
      Duration delay = delayBefore(attemptNumber + 1);
      Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
      if (elapsed.plus(delay).compareTo(maxTotalTime) > 0) {
        throw new SigstoreException(
            service,
            "gave up after "
                + attemptNumber
                + " attempts in "
                + seconds(elapsed)
                + ", last: "
                + cause,
            failure);
      }
      log.accept(
          String.format(
              Locale.ROOT,
              "%s: %s, retrying in %s (attempt %d of %d)",
              service,
              cause,
              seconds(delay),
              attemptNumber + 1,
              maxAttempts));
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SigstoreException(service, "interrupted while waiting to retry", e);
      }
    }
  }

  /** Whether a failure is worth another attempt. */
  public static boolean isTransient(Throwable failure) {
    if (tlsHandshakeFailure(failure) != null) {
      return false;
    }
    if (failure instanceof HttpStatusException status) {
      return status.isTransient();
    }
    if (failure instanceof StatusRuntimeException grpc) {
      return TRANSIENT_GRPC_CODES.contains(grpc.getStatus().getCode());
    }
    return failure instanceof IOException;
  }

  // An untrusted or mismatched certificate fails the same way every time; gRPC reports it as
  // UNAVAILABLE with the handshake failure as cause.
  private static SSLHandshakeException tlsHandshakeFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLHandshakeException handshake) {
        return handshake;
      }
    }
    return null;
  }

  /** A short account of a failure for a person, without stack or secrets the caller added. */
  static String describe(Throwable failure) {
    SSLHandshakeException handshake = tlsHandshakeFailure(failure);
    if (handshake != null) {
      return "TLS handshake failed, is the server's certificate trusted? ("
          + handshake.getMessage()
          + ")";
    }
    if (failure instanceof HttpStatusException status) {
      return status.getMessage();
    }
    if (failure instanceof StatusRuntimeException grpc) {
      Status status = grpc.getStatus();
      String description = status.getDescription();
      String text =
          description == null ? status.getCode().name() : status.getCode() + ": " + description;
      return status.getCause() == null ? text : text + " (" + describe(status.getCause()) + ")";
    }
    String message = failure.getMessage();
    String name = failure.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }

  // Equal jitter: half the exponential delay is fixed so waits never collapse to nothing, the other
  // half random so parallel jobs that failed together do not retry together.
  private Duration delayBefore(int attemptNumber) {
    double exponential = initialDelay.toNanos() * Math.pow(2, attemptNumber - 2);
    double capped = Math.min(exponential, maxDelay.toNanos());
    return Duration.ofNanos((long) (capped / 2 + random.nextDouble() * capped / 2));
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
