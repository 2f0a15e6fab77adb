package org.neonmigrate.api.batch;

import io.micronaut.context.annotation.Requires;
import io.micronaut.problem.violations.Violation;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.migration.StartMigrationBody;
import org.neonmigrate.api.problem.InvalidRequestProblem;
import org.neonmigrate.workflows.batch.BatchRequest;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * Checks a batch's migrations with the rules of {@code POST /migrations}, plus those of a batch
 * (each source org once, a size limit), and names each problem by row (1 = the first migration).
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class BatchRows {

  /** Enough to fix a file in one round without a problem document of megabytes. */
  static final int MAX_LISTED = 50;

  private final Validator validator;

  public BatchRows(Validator validator) {
    this.validator = validator;
  }

  /** The migrations to start on behalf of {@code requestedBy}; 400 listing every broken rule. */
  List<MigrationRequest> check(List<StartMigrationBody> rows, String requestedBy) {
    List<Violation> violations = new ArrayList<>();
    if (rows.isEmpty()) {
      violations.add(new Violation("migrations", "must not be empty"));
    } else if (rows.size() > BatchRequest.MAX_TOTAL) {
      violations.add(
          new Violation(
              "migrations",
              "has %d rows; at most %d per batch, split it into several batches"
                  .formatted(rows.size(), BatchRequest.MAX_TOTAL)));
    } else {
      Map<String, Integer> firstRow = new HashMap<>();
      for (int i = 0; i < rows.size(); i++) {
        violations.addAll(rowViolations(i + 1, rows.get(i), firstRow));
      }
    }
    if (!violations.isEmpty()) {
      throw problem(violations);
    }
    return rows.stream().map(row -> row.toRequest(requestedBy)).toList();
  }

  private List<Violation> rowViolations(
      int row, StartMigrationBody body, Map<String, Integer> firstRow) {
    String prefix = "row " + row + ": ";
    if (body == null) {
      return List.of(new Violation(prefix.trim(), "must be a migration object"));
    }
    List<Violation> found = new ArrayList<>();
    validator.validate(body).stream()
        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .forEach(v -> found.add(new Violation(prefix + field(v), v.getMessage())));
    String source = body.sourceOrgId();
    if (source != null && source.equals(body.destinationOrgId())) {
      found.add(new Violation(prefix + "destinationOrgId", "must differ from sourceOrgId"));
    }
    if (source != null) {
      Integer earlier = firstRow.putIfAbsent(source, row);
      if (earlier != null) {
        found.add(
            new Violation(
                prefix + "sourceOrgId",
                "'%s' is already in row %d; each source org may appear once in a batch"
                    .formatted(source, earlier)));
      }
    }
    return found;
  }

  private static String field(ConstraintViolation<?> violation) {
    List<String> names = new ArrayList<>();
    for (Path.Node node : violation.getPropertyPath()) {
      names.add(node.getName());
    }
    return String.join(".", names);
  }

  static InvalidRequestProblem problem(List<Violation> violations) {
    String detail =
        violations.stream()
            .limit(MAX_LISTED)
            .map(v -> v.getField() + " " + v.getMessage())
            .collect(Collectors.joining("; ", "", ""));
    if (violations.size() > MAX_LISTED) {
      detail += "; and %d more".formatted(violations.size() - MAX_LISTED);
    }
    return new InvalidRequestProblem(
        detail + ".", violations.subList(0, Math.min(violations.size(), MAX_LISTED)));
  }
}
