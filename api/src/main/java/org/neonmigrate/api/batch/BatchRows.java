package org.neonmigrate.api.batch;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.migration.StartMigrationBody;
import org.neonmigrate.workflows.batch.BatchRequest;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * Checks a batch's migrations with the rules of {@code POST /migrations}, plus those of a batch
 * (each source org once, a size limit), and names each problem by row (1 = the first migration). A
 * 400 lists the problems in row order, at most {@value BatchProblems#MAX} of them.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class BatchRows {

  private final Validator validator;

  public BatchRows(Validator validator) {
    this.validator = validator;
  }

  /** The migrations of a JSON batch, to start on behalf of {@code requestedBy}. */
  List<MigrationRequest> check(List<StartMigrationBody> rows, String requestedBy) {
    if (rows.isEmpty()) {
      throw BatchProblems.of("migrations", "must not be empty");
    }
    if (rows.size() > BatchRequest.MAX_TOTAL) {
      throw BatchProblems.of(
          "migrations",
          "has %d rows; at most %d per batch, split it into several batches"
              .formatted(rows.size(), BatchRequest.MAX_TOTAL));
    }
    Check check = new Check();
    for (int i = 0; i < rows.size(); i++) {
      check.row(i + 1, rows.get(i), Set.of());
    }
    check.problems.throwIfAny();
    return rows.stream().map(row -> row.toRequest(requestedBy)).toList();
  }

  /** The migrations of a CSV batch, checked row by row as it is read (see {@link BatchCsv}). */
  List<MigrationRequest> checkCsv(Reader csv, String charset, String requestedBy)
      throws IOException {
    Check check = new Check();
    List<StartMigrationBody> rows = BatchCsv.read(csv, charset, check);
    check.problems.throwIfAny();
    if (rows.isEmpty()) {
      throw BatchProblems.of("migrations", "must not be empty");
    }
    return rows.stream().map(row -> row.toRequest(requestedBy)).toList();
  }

  /** The rules of each row and across rows, applied one row at a time. */
  final class Check {

    final BatchProblems problems = new BatchProblems();
    private final Map<String, Integer> firstRow = new HashMap<>();

    /** Checks row {@code row}, leaving out the fields whose problems were already noted. */
    void row(int row, StartMigrationBody body, Set<String> alreadyNoted) {
      String prefix = "row " + row + ": ";
      if (body == null) {
        problems.add("row " + row, "must be a migration object");
        return;
      }
      List<ConstraintViolation<StartMigrationBody>> violations =
          new ArrayList<>(validator.validate(body));
      violations.sort(Comparator.comparing(v -> v.getPropertyPath().toString()));
      for (ConstraintViolation<StartMigrationBody> violation : violations) {
        String field = field(violation);
        if (!alreadyNoted.contains(field)) {
          problems.add(prefix + field, violation.getMessage());
        }
      }
      String source = body.sourceOrgId();
      if (source != null && source.equals(body.destinationOrgId())) {
        problems.add(prefix + "destinationOrgId", "must differ from sourceOrgId");
      }
      if (source != null) {
        Integer earlier = firstRow.putIfAbsent(source, row);
        if (earlier != null) {
          problems.add(
              prefix + "sourceOrgId",
              "'%s' is already in row %d; each source org may appear once in a batch"
                  .formatted(source, earlier));
        }
      }
    }
  }

  private static String field(ConstraintViolation<?> violation) {
    List<String> names = new ArrayList<>();
    for (Path.Node node : violation.getPropertyPath()) {
      names.add(node.getName());
    }
    return String.join(".", names);
  }
}
