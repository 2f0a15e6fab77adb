package org.neonmigrate.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.DuplicateRouteHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.problem.ThrowableProblemHandler;
import io.micronaut.web.router.exceptions.DuplicateRouteException;
import jakarta.inject.Singleton;
import org.neonmigrate.api.ApiApplication;

/**
 * 415 naming the body types a path takes when the request says none and so matches more than one
 * route ({@code POST /batches} takes JSON and CSV). Micronaut's own answer is a bare 400 with
 * neither title nor detail.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
@Replaces(DuplicateRouteHandler.class)
public class AmbiguousRouteHandler
    implements ExceptionHandler<DuplicateRouteException, HttpResponse<?>> {

  private final ThrowableProblemHandler problems;

  public AmbiguousRouteHandler(ThrowableProblemHandler problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, DuplicateRouteException exception) {
    String types =
        exception.getUriRoutes().stream()
            .flatMap(r -> r.getRouteInfo().getConsumes().stream())
            .map(t -> t.getType() + "/" + t.getSubtype())
            .distinct()
            .sorted()
            .reduce((a, b) -> a + " or " + b)
            .orElse("application/json");
    return problems.handle(
        request,
        Problems.of(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            "%s %s takes a body of Content-Type %s; say which in the Content-Type header."
                .formatted(request.getMethodName(), request.getPath(), types)));
  }
}
