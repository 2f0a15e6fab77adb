package org.neonmigrate.activities.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArmFailuresTest {

  private final Clock clock = Clock.systemUTC();
  private final ArmError error = new ArmError(new ArmError.Detail("AuthorizationFailed", "no"));

  @Test
  void refusalsNeedAHumanAndAreFinal() {
    for (int status : new int[] {400, 401, 403, 409}) {
      ApplicationFailure failure = ArmFailures.fromStatus("DELETE x", status, error, null, clock);
      assertThat(failure.getType()).isEqualTo("AzureDeletionFailed");
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).contains("AuthorizationFailed");
    }
  }

  @Test
  void throttlingAndServerErrorsRetryHonouringRetryAfter() {
    ApplicationFailure throttled = ArmFailures.fromStatus("DELETE x", 429, null, "20", clock);
    assertThat(throttled.isNonRetryable()).isFalse();
    assertThat(throttled.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(20));
    assertThat(ArmFailures.fromStatus("DELETE x", 503, null, null, clock).isNonRetryable())
        .isFalse();
  }
}
