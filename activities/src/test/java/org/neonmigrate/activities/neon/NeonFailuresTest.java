package org.neonmigrate.activities.neon;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.neon.model.NeonError;

class NeonFailuresTest {

  private static final String ROUTE = "GET /organizations/{org_id}";
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
  private final NeonError error = new NeonError("FORBIDDEN", "not allowed", "req-1");

  private ApplicationFailure map(int status, boolean orgScoped, String retryAfter) {
    return NeonFailures.fromStatus(ROUTE, status, orgScoped, error, retryAfter, clock);
  }

  @Test
  void unauthorizedAndForbiddenAreAccessDeniedAndFinal() {
    for (int status : new int[] {401, 403}) {
      ApplicationFailure failure = map(status, false, null);
      assertThat(failure.getType()).isEqualTo("NeonAccessDenied");
      assertThat(failure.isNonRetryable()).isTrue();
    }
  }

  @Test
  void notFoundOnAnOrgRouteIsOrganizationNotFound() {
    assertThat(map(404, true, null).getType()).isEqualTo("OrganizationNotFound");
    assertThat(map(404, true, null).isNonRetryable()).isTrue();
    assertThat(map(404, false, null).getType()).isEqualTo(NeonFailures.REQUEST_REJECTED);
  }

  @Test
  void tooManyRequestsRetriesExactlyAfterRetryAfter() {
    ApplicationFailure failure = map(429, false, "12");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(NeonFailures.RATE_LIMITED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void tooManyRequestsWithAnHttpDateWaitsUntilThatDate() {
    ApplicationFailure failure = map(429, false, "Thu, 15 Jan 2026 10:01:00 GMT");
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void tooManyRequestsWithoutRetryAfterLeavesTheDelayToThePolicy() {
    assertThat(map(429, false, null).getNextRetryDelay()).isNull();
    assertThat(map(429, false, null).isNonRetryable()).isFalse();
  }

  @Test
  void serverErrorsAndLockedAreRetryable() {
    for (int status : new int[] {500, 502, 503, 504, 423}) {
      ApplicationFailure failure = map(status, true, null);
      assertThat(failure.isNonRetryable()).as("status %d", status).isFalse();
      assertThat(failure.getType()).isEqualTo(NeonFailures.UNAVAILABLE);
    }
  }

  @Test
  void otherClientErrorsAreFinalAndCarryNeonsCodeAndMessage() {
    ApplicationFailure failure = map(400, false, null);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(NeonFailures.REQUEST_REJECTED);
    assertThat(failure.getOriginalMessage())
        .contains(ROUTE)
        .contains("400")
        .contains("FORBIDDEN")
        .contains("not allowed")
        .contains("req-1");
  }

  @Test
  void aMissingErrorBodyStillMaps() {
    ApplicationFailure failure = NeonFailures.fromStatus(ROUTE, 409, false, null, null, clock);
    assertThat(failure.getOriginalMessage()).isEqualTo(ROUTE + " answered 409");
  }

  @Test
  void noAnswerIsRetryable() {
    ApplicationFailure failure = NeonFailures.unreachable(ROUTE, new java.io.IOException("reset"));
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(NeonFailures.UNAVAILABLE);
  }
}
