package dev.provenanceaction.sigstore.tuf;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Where verified TUF metadata and targets are kept between runs, one subdirectory per repository,
 * and the clock their expiry is judged by.
 *
 * @param directory the caller's cache directory (the action's is in {@code RUNNER_TEMP})
 * @param clock the time an update starts at; tests move it past an expiry
 */
public record TufCache(Path directory, Clock clock) {
  public TufCache {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(clock, "clock");
  }

  /** A cache in this directory, judged by the system clock. */
  public static TufCache in(Path directory) {
    return new TufCache(directory, Clock.systemUTC());
  }
}
