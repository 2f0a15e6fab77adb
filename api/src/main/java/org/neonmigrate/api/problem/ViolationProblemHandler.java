package org.neonmigrate.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.problem.ThrowableProblemHandler;
import io.micronaut.problem.violations.ProblemConstraintViolationExceptionHandler;
import io.micronaut.problem.violations.Violation;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.neonmigrate.api.ApiApplication;

/**
 * 400 for failed {@code @Valid}/{@code @Pattern} checks, naming each field as the caller wrote it
 * ({@code azure.resourceGroup}, not the Java method and parameter) with the rule it broke.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
@Replaces(ProblemConstraintViolationExceptionHandler.class)
public class ViolationProblemHandler
    implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

  private final ThrowableProblemHandler problems;

  public ViolationProblemHandler(ThrowableProblemHandler problems) {
    this.problems = problems;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
    List<Violation> violations =
        exception.getConstraintViolations().stream()
            .map(v -> new Violation(field(v), v.getMessage()))
            .sorted(Comparator.comparing(Violation::getField))
            .toList();
    String detail =
        violations.stream()
            .map(v -> v.getField() + " " + v.getMessage())
            .collect(Collectors.joining("; ", "", "."));
    return problems.handle(request, new InvalidRequestProblem(detail, violations));
  }

  /** The property path without the method name and the {@code body} parameter. */
  static String field(ConstraintViolation<?> violation) {
    List<String> names = new ArrayList<>();
    for (Path.Node node : violation.getPropertyPath()) {
      names.add(node.getName());
    }
    // [method, parameter, ...properties]
    List<String> rest = names.size() > 1 ? names.subList(1, names.size()) : names;
    if (rest.size() > 1 && "body".equals(rest.get(0))) {
      rest = rest.subList(1, rest.size());
    }
    return String.join(".", rest);
  }
}
