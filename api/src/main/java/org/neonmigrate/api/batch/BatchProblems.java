package org.neonmigrate.api.batch;

import io.micronaut.problem.violations.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.neonmigrate.api.problem.InvalidRequestProblem;

/**
 * The problems of a batch in the order they were found. The {@value #MAX}th ends the reading:
 * enough to fix a file in one round, and a file of thousands of bad rows cannot make the work or
 * the answer grow with it.
 */
final class BatchProblems {

  static final int MAX = 100;

  private final List<Violation> found = new ArrayList<>();

  /** A 400 for one problem. */
  static InvalidRequestProblem of(String field, String message) {
    return problem(List.of(new Violation(field, message)), "");
  }

  /** Notes a problem; the {@value #MAX}th is thrown with all those before it. */
  void add(String field, String message) {
    found.add(new Violation(field, message));
    if (found.size() == MAX) {
      throw problem(
          found,
          "; stopped after the first %d problems (%s), there may be more"
              .formatted(MAX, rowOf(found.get(MAX - 1).getField())));
    }
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  void throwIfAny() {
    if (!found.isEmpty()) {
      throw problem(found, "");
    }
  }

  /** The 400 for a problem that ends the reading: that one first, then those found before it. */
  InvalidRequestProblem stop(String field, String message) {
    List<Violation> all = new ArrayList<>(found.size() + 1);
    all.add(new Violation(field, message));
    all.addAll(found);
    return problem(all, "");
  }

  private static String rowOf(String field) {
    int colon = field.indexOf(':');
    return colon < 0 ? field : field.substring(0, colon);
  }

  private static InvalidRequestProblem problem(List<Violation> violations, String suffix) {
    String detail =
        violations.stream()
            .map(v -> v.getField() + " " + v.getMessage())
            .collect(Collectors.joining("; "));
    return new InvalidRequestProblem(detail + suffix + ".", List.copyOf(violations));
  }
}
