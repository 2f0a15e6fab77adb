package org.neonmigrate.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.problem.ThrowableProblemHandler;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import org.neonmigrate.api.ApiApplication;

/**
 * 400 for a required body (or parameter) that was not sent, or sent as JSON {@code null}, saying
 * what to send. Micronaut's own answer is a problem without a title whose detail names the Java
 * parameter ({@code Required Body [body] not specified}).
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
@Replaces(UnsatisfiedRouteHandler.class)
public class MissingInputHandler
    implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<?>> {

  private final ThrowableProblemHandler problems;

  public MissingInputHandler(ThrowableProblemHandler problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, UnsatisfiedRouteException exception) {
    String detail =
        exception instanceof UnsatisfiedBodyRouteException
            ? "The body is missing: send a JSON object with the documented fields."
            : "%s is required.".formatted(exception.getArgument().getName());
    return problems.handle(request, Problems.badRequest(detail));
  }
}
