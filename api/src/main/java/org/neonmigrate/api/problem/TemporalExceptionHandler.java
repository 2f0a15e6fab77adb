package org.neonmigrate.api.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.problem.ThrowableProblemHandler;
import io.temporal.client.WorkflowException;
import jakarta.inject.Singleton;
import org.neonmigrate.api.ApiApplication;

/** Renders Temporal client failures the controllers did not map themselves as problems. */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class TemporalExceptionHandler
    implements ExceptionHandler<WorkflowException, HttpResponse<?>> {

  private final ThrowableProblemHandler problems;

  public TemporalExceptionHandler(ThrowableProblemHandler problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, WorkflowException exception) {
    return problems.handle(request, TemporalFailures.problemFor(exception));
  }
}
