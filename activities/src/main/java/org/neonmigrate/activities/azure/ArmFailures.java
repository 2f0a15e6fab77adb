package org.neonmigrate.activities.azure;

import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.neonmigrate.activities.http.RetryAfter;
import org.neonmigrate.workflows.activities.MigrationFailure;

/** Where an ARM HTTP outcome becomes a Temporal failure. */
public final class ArmFailures {

  /** Retryable: ARM throttled (429) or failed on its side (5xx), or did not answer. */
  public static final String UNAVAILABLE = "AzureUnavailable";

  private ArmFailures() {}

  public static ApplicationFailure fromStatus(
      String action, int status, ArmError error, String retryAfterHeader, Clock clock) {
    String message = action + " answered " + status + describe(error);
    if (status == 429 || status >= 500) {
      Optional<Duration> delay = RetryAfter.parse(retryAfterHeader, clock);
      ApplicationFailure.Builder failure =
          ApplicationFailure.newBuilder().setType(UNAVAILABLE).setMessage(message);
      delay.ifPresent(failure::setNextRetryDelay);
      return failure.build();
    }
    // 401/403 (no right to delete), 409 (conflict, e.g. a lock) and other 4xx need a human
    return MigrationFailure.AzureDeletionFailed.failure(message);
  }

  /** Retryable: a 2xx whose body cannot be what ARM sends (a proxy, say). */
  public static ApplicationFailure malformed(String message) {
    return ApplicationFailure.newBuilder().setType(UNAVAILABLE).setMessage(message).build();
  }

  public static ApplicationFailure unreachable(String action, Exception cause) {
    return ApplicationFailure.newBuilder()
        .setType(UNAVAILABLE)
        .setMessage(action + " got no answer: " + cause.getClass().getSimpleName())
        .build();
  }

  private static String describe(ArmError error) {
    if (error == null || error.error() == null) {
      return "";
    }
    return ": " + error.error().code() + " " + error.error().message();
  }
}
