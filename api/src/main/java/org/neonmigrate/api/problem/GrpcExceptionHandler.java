package org.neonmigrate.api.problem;

import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.problem.ThrowableProblemHandler;
import jakarta.inject.Singleton;
import org.neonmigrate.api.ApiApplication;

/** Renders raw gRPC failures (calls made on the service stubs directly) as problems. */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class GrpcExceptionHandler
    implements ExceptionHandler<StatusRuntimeException, HttpResponse<?>> {

  private final ThrowableProblemHandler problems;

  public GrpcExceptionHandler(ThrowableProblemHandler problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, StatusRuntimeException exception) {
    return problems.handle(request, TemporalFailures.problemFor(exception));
  }
}
