package org.neonmigrate.api.batch;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.neonmigrate.api.migration.AzureResourceBody;
import org.neonmigrate.api.migration.StartMigrationBody;
import org.neonmigrate.workflows.batch.BatchRequest;

/**
 * Reads a batch from CSV (see {@link CsvRecords}): a header row naming the columns, in any order,
 * then one migration per row. Row numbers in problems count the migrations from 1 (line 1 is the
 * header, so row N is line N + 1). The text is read as it arrives and the reading stops at the
 * first row past {@link BatchRequest#MAX_TOTAL}, at a field or line past its limit, or at the
 * {@value BatchProblems#MAX}th problem, so a huge or hostile file is refused for the cost of its
 * beginning.
 */
final class BatchCsv {

  static final List<String> REQUIRED =
      List.of(
          "sourceOrgId",
          "destinationOrgId",
          "subscriptionId",
          "resourceGroup",
          "resourceName",
          "dryRun");
  static final Set<String> OPTIONAL = Set.of("replaceOrgApiKeys");

  /** The longest valid value is a resource group of 90 characters. */
  static final int MAX_FIELD_CHARS = 256;

  /** Seven fields at their limit, quoted, fit. */
  static final int MAX_LINE_CHARS = 4096;

  private BatchCsv() {}

  /** The rows of the text, each checked by {@code check} as soon as it is read. */
  static List<StartMigrationBody> read(Reader text, String charset, BatchRows.Check check)
      throws IOException {
    CsvRecords records = new CsvRecords(text, charset, MAX_FIELD_CHARS, MAX_LINE_CHARS);
    BatchProblems problems = check.problems;
    List<String> names = next(records, "header", List.of(), problems);
    if (names == null) {
      throw BatchProblems.of("header", "is missing: " + String.join(",", REQUIRED));
    }
    names = names.stream().map(String::trim).toList();
    Map<String, Integer> columns = header(names, problems);
    List<StartMigrationBody> rows = new ArrayList<>();
    for (int row = 1; ; row++) {
      List<String> cells = next(records, "row " + row, names, problems);
      if (cells == null) {
        return rows;
      }
      if (row > BatchRequest.MAX_TOTAL) {
        throw problems.stop(
            "migrations",
            "has more than %d rows (reading stopped at row %d); at most %d per batch, split it"
                    .formatted(BatchRequest.MAX_TOTAL, row, BatchRequest.MAX_TOTAL)
                + " into several batches");
      }
      String prefix = "row " + row + ": ";
      if (cells.size() != columns.size()) {
        problems.add(
            "row " + row, "has %d columns, the header %d".formatted(cells.size(), columns.size()));
        continue;
      }
      Set<String> noted = new HashSet<>();
      Boolean dryRun = flag(cells, columns, "dryRun", prefix, problems, noted, true);
      Boolean replaceKeys =
          flag(cells, columns, "replaceOrgApiKeys", prefix, problems, noted, false);
      StartMigrationBody body =
          new StartMigrationBody(
              cell(cells, columns, "sourceOrgId"),
              cell(cells, columns, "destinationOrgId"),
              new AzureResourceBody(
                  cell(cells, columns, "subscriptionId"),
                  cell(cells, columns, "resourceGroup"),
                  cell(cells, columns, "resourceName")),
              dryRun,
              replaceKeys,
              null);
      check.row(row, body, noted);
      rows.add(body);
    }
  }

  /** The next record; one that cannot be read ends the reading, named by row and column. */
  private static List<String> next(
      CsvRecords records, String where, List<String> names, BatchProblems problems)
      throws IOException {
    try {
      return records.next();
    } catch (CsvRecords.Unreadable e) {
      int column = e.column();
      String field =
          column < 0
              ? where
              : where
                  + ": "
                  + (column < names.size() ? names.get(column) : "column " + (column + 1));
      throw problems.stop(field, e.getMessage());
    }
  }

  private static Map<String, Integer> header(List<String> names, BatchProblems problems) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
        problems.add(
            "header",
            "has an unknown column '%s'; the columns are %s[,replaceOrgApiKeys]"
                .formatted(name, String.join(",", REQUIRED)));
      } else if (columns.putIfAbsent(name, i) != null) {
        problems.add("header", "names column '%s' twice".formatted(name));
      }
    }
    REQUIRED.stream()
        .filter(name -> !columns.containsKey(name))
        .forEach(name -> problems.add("header", "lacks column " + name));
    problems.throwIfAny();
    return columns;
  }

  /** Empty cells read as absent, so the row's rules say "is required". */
  private static String cell(List<String> cells, Map<String, Integer> columns, String name) {
    Integer at = columns.get(name);
    if (at == null) {
      return null;
    }
    String value = cells.get(at).trim();
    return value.isEmpty() ? null : value;
  }

  private static Boolean flag(
      List<String> cells,
      Map<String, Integer> columns,
      String name,
      String prefix,
      BatchProblems problems,
      Set<String> noted,
      boolean required) {
    String value = cell(cells, columns, name);
    if (value == null) {
      if (required) {
        problems.add(prefix + name, "is required (true for a plan only, false for real)");
        noted.add(name);
      }
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problems.add(prefix + name, "must be true or false, was '" + value + "'");
        noted.add(name);
        yield null;
      }
    };
  }
}
