package org.neonmigrate.api.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;
import org.zalando.problem.ThrowableProblem;

/**
 * Says what is wrong with a body that could not be read, in terms of its JSON (field names, line
 * and column), never of Java classes.
 */
final class BodyProblems {

  private BodyProblems() {}

  static ThrowableProblem describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnrecognizedPropertyException unknown) {
        return Problems.badRequest(unknownField(unknown));
      }
      if (t instanceof JsonParseException parse) {
        return Problems.badRequest(
            "The body is not valid JSON%s: %s."
                .formatted(at(parse.getLocation()), parse.getOriginalMessage()));
      }
      if (t instanceof MismatchedInputException mismatch) {
        String field = path(mismatch);
        return Problems.badRequest(
            field.isEmpty()
                ? "The body must be a JSON object with the documented fields."
                : "%s has the wrong type (expected %s)."
                    .formatted(field, simpleType(mismatch.getTargetType())));
      }
    }
    return Problems.badRequest("The body must be a JSON object with the documented fields.");
  }

  private static String unknownField(UnrecognizedPropertyException unknown) {
    String name = unknown.getPropertyName();
    if ("requestedBy".equals(name)) {
      return "requestedBy is not accepted in the body: it is the subject of your bearer token.";
    }
    String known =
        unknown.getKnownPropertyIds() == null
            ? ""
            : unknown.getKnownPropertyIds().stream()
                .map(String::valueOf)
                .sorted()
                .collect(Collectors.joining(", ", " Known fields: ", "."));
    return "Unknown field '%s' (check its spelling).%s".formatted(name, known);
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String simpleType(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    return "an object";
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 0
        ? ""
        : " at line %d, column %d".formatted(location.getLineNr(), location.getColumnNr());
  }
}
