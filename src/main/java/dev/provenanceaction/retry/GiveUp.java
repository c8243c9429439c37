package dev.provenanceaction.retry;

import java.time.Duration;

/** Why a call is not attempted again although its failure was worth another attempt. */
public sealed interface GiveUp {
  /** How many attempts were made. */
  int attempts();

  /** Every attempt allowed was made. */
  record OutOfAttempts(int attempts) implements GiveUp {}

  /**
   * The next wait would end past the total time allowed.
   *
   * @param elapsed the time since the first attempt began
   * @param nextWait the wait the next attempt would have needed
   * @param limit the total time allowed
   */
  record OutOfTime(int attempts, Duration elapsed, Duration nextWait, Duration limit)
      implements GiveUp {}
}
