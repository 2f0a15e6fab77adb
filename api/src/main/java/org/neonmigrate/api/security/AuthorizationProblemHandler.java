package org.neonmigrate.api.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.problem.ThrowableProblemHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.Problems;
import org.zalando.problem.ThrowableProblem;

/** 401 and 403 as problems that tell the caller what to send or which role is missing. */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationProblemHandler
    implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

  private final ThrowableProblemHandler problems;

  public AuthorizationProblemHandler(ThrowableProblemHandler problems) {
    this.problems = problems;
  }

  @Override
  public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
    if (exception.isForbidden() && RouteAttributes.getRouteMatch(request).isEmpty()) {
      return mutable(problems.handle(request, noEndpoint(request)));
    }
    if (exception.isForbidden()) {
      return mutable(
          problems.handle(
              request,
              Problems.of(
                  HttpStatus.FORBIDDEN,
                  "forbidden",
                  "Forbidden",
                  ("Your token's roles do not allow %s %s (reading needs viewer, operator or"
                          + " approver; starting and cancelling need operator; approving and"
                          + " rejecting need approver).")
                      .formatted(request.getMethodName(), request.getPath()))));
    }
    return mutable(
            problems.handle(
                request,
                Problems.of(
                    HttpStatus.UNAUTHORIZED,
                    "unauthorized",
                    "Unauthorized",
                    "Send a configured token as 'Authorization: Bearer <token>'.")))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
  }

  /** Security rejects a request no route matched before the router can say 404 or 415. */
  private static ThrowableProblem noEndpoint(HttpRequest<?> request) {
    if (request
        .getContentType()
        .filter(t -> !MediaType.APPLICATION_JSON_TYPE.matches(t))
        .isPresent()) {
      return Problems.of(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-media-type",
          "Unsupported media type",
          "Request bodies must be sent as Content-Type: application/json.");
    }
    return Problems.of(
        HttpStatus.NOT_FOUND,
        "no-such-endpoint",
        "No such endpoint",
        "No endpoint answers %s %s; see /swagger-ui."
            .formatted(request.getMethodName(), request.getPath()));
  }

  private static MutableHttpResponse<?> mutable(HttpResponse<?> response) {
    return response instanceof MutableHttpResponse<?> m
        ? m
        : HttpResponse.status(response.status());
  }
}
