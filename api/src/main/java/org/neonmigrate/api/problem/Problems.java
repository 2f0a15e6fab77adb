package org.neonmigrate.api.problem;

import io.micronaut.http.HttpStatus;
import io.micronaut.problem.HttpStatusType;
import java.net.URI;
import org.zalando.problem.Problem;
import org.zalando.problem.ThrowableProblem;

/** The API's RFC 7807 problems; {@code type} tells clients which rule was hit. */
public final class Problems {

  private Problems() {}

  public static ThrowableProblem of(HttpStatus status, String slug, String title, String detail) {
    return Problem.builder()
        .withType(URI.create("urn:neonmigrate:problem:" + slug))
        .withTitle(title)
        .withStatus(new HttpStatusType(status))
        .withDetail(detail)
        .build();
  }

  public static ThrowableProblem migrationNotFound(String sourceOrgId) {
    return of(
        HttpStatus.NOT_FOUND,
        "migration-not-found",
        "No such migration",
        "No migration has been started for source org '%s'.".formatted(sourceOrgId));
  }

  public static ThrowableProblem conflict(String slug, String title, String detail) {
    return of(HttpStatus.CONFLICT, slug, title, detail);
  }

  public static ThrowableProblem badRequest(String detail) {
    return of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
  }

  public static ThrowableProblem temporalUnavailable(String detail) {
    return of(
        HttpStatus.SERVICE_UNAVAILABLE, "temporal-unavailable", "Temporal unavailable", detail);
  }
}
