package org.neonmigrate.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.problem.ThrowableProblemHandler;
import jakarta.inject.Singleton;
import org.neonmigrate.api.ApiApplication;

/**
 * 413 with the limit, for bodies above {@code micronaut.server.max-request-size} (batch starts) or
 * {@code neonmigrate.api.max-body-bytes} (everything else, see {@code BodySizeLimit}).
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
@Replaces(ContentLengthExceededHandler.class)
public class RequestSizeExceptionHandler
    implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {

  private final ThrowableProblemHandler problems;

  public RequestSizeExceptionHandler(ThrowableProblemHandler problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException exception) {
    return problems.handle(
        request,
        Problems.of(
            HttpStatus.REQUEST_ENTITY_TOO_LARGE,
            "body-too-large",
            "Request body too large",
            "The body exceeds the limit of this API (64 KB by default, 4 MB for POST /batches);"
                + " request bodies here are a few hundred bytes, a batch of 5,000 migrations"
                + " about 1.3 MB."));
  }
}
