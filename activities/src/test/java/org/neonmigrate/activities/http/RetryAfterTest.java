package org.neonmigrate.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse("7", clock)).contains(Duration.ofSeconds(7));
  }

  @Test
  void readsAnHttpDate() {
    assertThat(RetryAfter.parse("Thu, 15 Jan 2026 10:00:30 GMT", clock))
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void aDateInThePastOrZeroWaitsTheMinimum() {
    assertThat(RetryAfter.parse("Thu, 15 Jan 2026 09:00:00 GMT", clock))
        .contains(RetryAfter.MINIMUM);
    assertThat(RetryAfter.parse("0", clock)).contains(RetryAfter.MINIMUM);
  }

  @Test
  void absurdDelaysAreCapped() {
    assertThat(RetryAfter.parse("999999", clock)).contains(RetryAfter.MAXIMUM);
  }

  @Test
  void missingOrGarbageMeansNoHint() {
    assertThat(RetryAfter.parse(null, clock)).isEmpty();
    assertThat(RetryAfter.parse(" ", clock)).isEmpty();
    assertThat(RetryAfter.parse("soon", clock)).isEmpty();
  }
}
