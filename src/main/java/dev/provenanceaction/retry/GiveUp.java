package dev.provenanceaction.retry;

import java.time.Duration;

/** Why a call is not attempted again although its failure was worth another attempt. */
public sealed interface GiveUp {
  /** How many attempts were made. */
  int attempts();

  /** Why, for a person, e.g. {@code after 5 attempts}. */
  String describe();

  /** Every attempt allowed was made. */
  record OutOfAttempts(int attempts) implements GiveUp {
    @Override
    public String describe() {
      return "after " + attempts + " attempts";
    }
  }

  /**
   * The next wait would end past the deadline, or it had passed before the first attempt.
   *
   * @param elapsed the time since the deadline's budget began
   * @param nextWait the wait the next attempt would have needed
   * @param limit the deadline's budget
   */
  record OutOfTime(int attempts, Duration elapsed, Duration nextWait, Duration limit)
      implements GiveUp {
    @Override
    public String describe() {
      if (attempts == 0) {
        return "the " + Retrier.seconds(limit) + " limit had passed before the first attempt";
      }
      return "waiting "
          + Retrier.seconds(nextWait)
          + " more would pass the "
          + Retrier.seconds(limit)
          + " limit";
    }
  }
}
