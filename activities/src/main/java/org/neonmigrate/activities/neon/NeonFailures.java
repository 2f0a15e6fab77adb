package org.neonmigrate.activities.neon;

import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.neonmigrate.activities.http.RetryAfter;
import org.neonmigrate.activities.neon.model.NeonError;
import org.neonmigrate.workflows.activities.MigrationFailure;

/**
 * The one place where a Neon HTTP outcome becomes a Temporal failure. Messages carry the route,
 * status and Neon's code/message/request id, never anything from the request.
 */
public final class NeonFailures {

  /** Retryable: Neon asked us to slow down; the delay comes from {@code Retry-After}. */
  public static final String RATE_LIMITED = "NeonRateLimited";

  /** Retryable: 5xx, 423, timeouts and connection failures. */
  public static final String UNAVAILABLE = "NeonUnavailable";

  /**
   * Retryable: a 2xx whose body lacks what Neon always sends (e.g. a listing without its array);
   * never read as an empty answer.
   */
  public static final String MALFORMED = "NeonMalformedAnswer";

  /** Non-retryable: any other 4xx; repeating the same request cannot succeed. */
  public static final String REQUEST_REJECTED = "NeonRequestRejected";

  private NeonFailures() {}

  /**
   * Maps an error answer. {@code orgScoped} routes name an organization in their path, so their 404
   * means the org is unknown (or invisible to the key).
   */
  public static ApplicationFailure fromStatus(
      String route,
      int status,
      boolean orgScoped,
      NeonError error,
      String retryAfterHeader,
      Clock clock) {
    String message = route + " answered " + status + describe(error);
    if (status == 401 || status == 403) {
      return MigrationFailure.NeonAccessDenied.failure(
          message + " (the key must be a valid personal key of an admin of both orgs)");
    }
    if (status == 404 && orgScoped) {
      return MigrationFailure.OrganizationNotFound.failure(message);
    }
    if (status == 429) {
      Optional<Duration> delay = RetryAfter.parse(retryAfterHeader, clock);
      ApplicationFailure.Builder failure =
          ApplicationFailure.newBuilder().setType(RATE_LIMITED).setMessage(message);
      delay.ifPresent(failure::setNextRetryDelay);
      return failure.build();
    }
    if (status == 423 || status == 408 || status >= 500) {
      return ApplicationFailure.newBuilder().setType(UNAVAILABLE).setMessage(message).build();
    }
    return ApplicationFailure.newBuilder()
        .setType(REQUEST_REJECTED)
        .setMessage(message)
        .setNonRetryable(true)
        .build();
  }

  /** No answer at all (timeout, refused or reset connection): the call may or may not have run. */
  public static ApplicationFailure unreachable(String route, Exception cause) {
    return ApplicationFailure.newBuilder()
        .setType(UNAVAILABLE)
        .setMessage(route + " got no answer: " + cause.getClass().getSimpleName())
        .build();
  }

  private static String describe(NeonError error) {
    if (error == null) {
      return "";
    }
    StringBuilder text = new StringBuilder(":");
    if (error.code() != null && !error.code().isBlank()) {
      text.append(' ').append(error.code());
    }
    if (error.message() != null) {
      text.append(' ').append(error.message());
    }
    if (error.requestId() != null) {
      text.append(" (request_id ").append(error.requestId()).append(')');
    }
    return text.toString();
  }
}
