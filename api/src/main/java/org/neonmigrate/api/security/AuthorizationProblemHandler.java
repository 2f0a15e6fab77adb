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
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.Problems;
import org.zalando.problem.ThrowableProblem;

/**
 * 401 and 403 as problems that tell the caller what to send or which role is missing; and, for a
 * request no route matched, the 404, 405, 406 or 415 the router would have answered.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationProblemHandler
    implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

  private final ThrowableProblemHandler problems;
  private final Router router;

  public AuthorizationProblemHandler(ThrowableProblemHandler problems, Router router) {
    this.problems = problems;
    this.router = router;
  }

  @Override
  public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
    if (exception.isForbidden() && RouteAttributes.getRouteMatch(request).isEmpty()) {
      return noEndpoint(request);
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

  /**
   * Security rejects a request no route matched before the router can answer; this tells why, as
   * the router would have: 405 (with {@code Allow}) when the path exists for other methods, 415
   * when its routes take another body type, 406 when they answer none of the accepted types, else
   * 404.
   */
  private MutableHttpResponse<?> noEndpoint(HttpRequest<?> request) {
    List<UriRouteMatch<Object, Object>> samePath =
        router.findAny(request.getPath(), request).toList();
    List<UriRouteInfo<Object, Object>> sameMethod =
        samePath.stream()
            .map(UriRouteMatch::getRouteInfo)
            .filter(r -> r.getHttpMethod() == request.getMethod())
            .toList();
    if (samePath.isEmpty()) {
      return problem(
          request,
          Problems.of(
              HttpStatus.NOT_FOUND,
              "no-such-endpoint",
              "No such endpoint",
              "No endpoint answers %s %s; see /swagger-ui."
                  .formatted(request.getMethodName(), request.getPath())));
    }
    if (sameMethod.isEmpty()) {
      Set<String> allowed =
          samePath.stream()
              .map(m -> m.getRouteInfo().getHttpMethodName())
              .collect(Collectors.toCollection(TreeSet::new));
      return problem(
              request,
              Problems.of(
                  HttpStatus.METHOD_NOT_ALLOWED,
                  "method-not-allowed",
                  "Method not allowed",
                  "%s %s is not answered; this path takes %s."
                      .formatted(
                          request.getMethodName(), request.getPath(), String.join(", ", allowed))))
          .header(HttpHeaders.ALLOW, String.join(", ", allowed));
    }
    Optional<MediaType> contentType = request.getContentType();
    if (contentType.isPresent()
        && sameMethod.stream().noneMatch(r -> r.doesConsume(contentType.get()))) {
      return problem(
          request,
          Problems.of(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE,
              "unsupported-media-type",
              "Unsupported media type",
              "Request bodies of %s %s must be sent as Content-Type: %s."
                  .formatted(
                      request.getMethodName(),
                      request.getPath(),
                      names(sameMethod.stream().flatMap(r -> r.getConsumes().stream())))));
    }
    Collection<MediaType> accepted = request.accept();
    if (!accepted.isEmpty() && sameMethod.stream().noneMatch(r -> r.doesProduce(accepted))) {
      return problem(
          request,
          Problems.of(
              HttpStatus.NOT_ACCEPTABLE,
              "not-acceptable",
              "Not acceptable",
              "%s %s answers %s, which the Accept header does not take."
                  .formatted(
                      request.getMethodName(),
                      request.getPath(),
                      names(sameMethod.stream().flatMap(r -> r.getProduces().stream())))));
    }
    return problem(
        request,
        Problems.of(
            HttpStatus.NOT_FOUND,
            "no-such-endpoint",
            "No such endpoint",
            "No endpoint answers %s %s with these headers; see /swagger-ui."
                .formatted(request.getMethodName(), request.getPath())));
  }

  private MutableHttpResponse<?> problem(HttpRequest<?> request, ThrowableProblem problem) {
    return mutable(problems.handle(request, problem));
  }

  private static String names(Stream<MediaType> types) {
    return types
        .map(t -> t.getType() + "/" + t.getSubtype())
        .distinct()
        .sorted()
        .collect(Collectors.joining(" or "));
  }

  private static MutableHttpResponse<?> mutable(HttpResponse<?> response) {
    return response instanceof MutableHttpResponse<?> m
        ? m
        : HttpResponse.status(response.status());
  }
}
