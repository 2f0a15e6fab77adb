package org.neonmigrate.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JacksonExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.problem.ThrowableProblemHandler;
import jakarta.inject.Singleton;
import org.neonmigrate.api.ApiApplication;

/** 400 problems for bodies and parameters that could not be read, saying which field and why. */
final class BodyExceptionHandlers {

  private BodyExceptionHandlers() {}

  @Singleton
  @Requires(env = ApiApplication.ENVIRONMENT)
  @Replaces(ConversionErrorHandler.class)
  static class Conversion implements ExceptionHandler<ConversionErrorException, HttpResponse<?>> {
    private final ThrowableProblemHandler problems;

    Conversion(ThrowableProblemHandler problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
      if (exception.getCause() == null || !isJson(exception.getCause())) {
        return problems.handle(
            request,
            Problems.badRequest(
                "%s has an invalid value.".formatted(exception.getArgument().getName())));
      }
      return problems.handle(request, BodyProblems.describe(exception));
    }

    private static boolean isJson(Throwable t) {
      return t instanceof JsonProcessingException || t instanceof JsonSyntaxException;
    }
  }

  @Singleton
  @Requires(env = ApiApplication.ENVIRONMENT)
  @Replaces(JsonExceptionHandler.class)
  static class Syntax implements ExceptionHandler<JsonSyntaxException, HttpResponse<?>> {
    private final ThrowableProblemHandler problems;

    Syntax(ThrowableProblemHandler problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, JsonSyntaxException exception) {
      return problems.handle(request, BodyProblems.describe(exception));
    }
  }

  @Singleton
  @Requires(env = ApiApplication.ENVIRONMENT)
  @Replaces(JacksonExceptionHandler.class)
  static class Jackson implements ExceptionHandler<JsonProcessingException, HttpResponse<?>> {
    private final ThrowableProblemHandler problems;

    Jackson(ThrowableProblemHandler problems) {
      this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, JsonProcessingException exception) {
      return problems.handle(request, BodyProblems.describe(exception));
    }
  }
}
