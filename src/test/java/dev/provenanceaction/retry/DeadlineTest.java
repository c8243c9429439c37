package dev.provenanceaction.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What is left of a run's network budget, and the request timeouts it allows. */
class DeadlineTest {
  private Instant now = Instant.EPOCH;
  private final Deadline deadline = Deadline.after(Duration.ofSeconds(50), () -> now);

  @Test
  void aRequestMayTakeItsOwnTimeoutOrWhatIsLeftIfLess() {
    assertEquals(Duration.ofSeconds(20), deadline.timeout(Duration.ofSeconds(20)));
    now = now.plusSeconds(45);
    assertEquals(Duration.ofSeconds(5), deadline.remaining());
    assertEquals(Duration.ofSeconds(5), deadline.timeout(Duration.ofSeconds(20)));
    assertTrue(deadline.allows(Duration.ofSeconds(5)));
    assertFalse(deadline.allows(Duration.ofMillis(5001)));
  }

  @Test
  void pastItNothingIsLeftAndATimeoutIsAMillisecond() {
    now = now.plusSeconds(51);
    assertTrue(deadline.expired());
    assertEquals(Duration.ZERO, deadline.remaining());
    assertEquals(Duration.ofSeconds(51), deadline.elapsed());
    assertEquals(Duration.ofMillis(1), deadline.timeout(Duration.ofSeconds(20)));
    assertFalse(deadline.allows(Duration.ZERO));
  }

  @Test
  void aBudgetIsNotNegative() {
    assertThrows(
        IllegalArgumentException.class, () -> Deadline.after(Duration.ofSeconds(-1), () -> now));
  }
}
