package org.neonmigrate.api.problem;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.HttpStatus;
import io.micronaut.problem.HttpStatusType;
import io.micronaut.problem.violations.ConstraintViolationThrowableProblem;
import io.micronaut.problem.violations.Violation;
import java.net.URI;
import java.util.List;

/** A 400 listing every broken rule in {@code violations}, and all of them in one {@code detail}. */
@Introspected
public class InvalidRequestProblem extends ConstraintViolationThrowableProblem {

  private final String detail;

  public InvalidRequestProblem(String detail, List<Violation> violations) {
    super(
        URI.create("urn:neonmigrate:problem:invalid-request"),
        new HttpStatusType(HttpStatus.BAD_REQUEST),
        violations);
    this.detail = detail;
  }

  @Override
  public String getTitle() {
    return "Invalid request";
  }

  @Override
  public String getDetail() {
    return detail;
  }
}
