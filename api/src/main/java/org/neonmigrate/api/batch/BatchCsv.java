package org.neonmigrate.api.batch;

import io.micronaut.problem.violations.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.neonmigrate.api.migration.AzureResourceBody;
import org.neonmigrate.api.migration.StartMigrationBody;

/**
 * Reads a batch from CSV (RFC 4180: commas, optional double quotes, CRLF or LF): a header row
 * naming the columns, in any order, then one migration per row. Row numbers in problems count the
 * migrations from 1 (line 1 is the header, so row N is line N + 1).
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

  private BatchCsv() {}

  static List<StartMigrationBody> parse(String text) {
    List<List<String>> lines = lines(text == null ? "" : text);
    if (lines.isEmpty()) {
      throw BatchRows.problem(
          List.of(new Violation("header", "is missing: " + String.join(",", REQUIRED))));
    }
    Map<String, Integer> columns = header(lines.get(0));
    List<StartMigrationBody> rows = new ArrayList<>();
    List<Violation> violations = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      List<String> cells = lines.get(i);
      String prefix = "row " + i + ": ";
      if (cells.size() != columns.size()) {
        violations.add(
            new Violation(
                prefix.trim(),
                "has %d columns, the header %d".formatted(cells.size(), columns.size())));
        continue;
      }
      Boolean dryRun = flag(cells, columns, "dryRun", prefix, violations, true);
      Boolean replaceKeys = flag(cells, columns, "replaceOrgApiKeys", prefix, violations, false);
      rows.add(
          new StartMigrationBody(
              cell(cells, columns, "sourceOrgId"),
              cell(cells, columns, "destinationOrgId"),
              new AzureResourceBody(
                  cell(cells, columns, "subscriptionId"),
                  cell(cells, columns, "resourceGroup"),
                  cell(cells, columns, "resourceName")),
              dryRun,
              replaceKeys,
              null));
    }
    if (!violations.isEmpty()) {
      throw BatchRows.problem(violations);
    }
    return rows;
  }

  private static Map<String, Integer> header(List<String> names) {
    Map<String, Integer> columns = new HashMap<>();
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).trim();
      if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
        violations.add(
            new Violation(
                "header",
                "has an unknown column '%s'; the columns are %s[,replaceOrgApiKeys]"
                    .formatted(name, String.join(",", REQUIRED))));
      } else if (columns.putIfAbsent(name, i) != null) {
        violations.add(new Violation("header", "names column '%s' twice".formatted(name)));
      }
    }
    REQUIRED.stream()
        .filter(name -> !columns.containsKey(name))
        .forEach(name -> violations.add(new Violation("header", "lacks column " + name)));
    if (!violations.isEmpty()) {
      throw BatchRows.problem(violations);
    }
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
      List<Violation> violations,
      boolean required) {
    String value = cell(cells, columns, name);
    if (value == null) {
      if (required) {
        violations.add(
            new Violation(prefix + name, "is required (true for a plan only, false for real)"));
      }
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        violations.add(new Violation(prefix + name, "must be true or false, was '" + value + "'"));
        yield null;
      }
    };
  }

  /** The records of the text; blank lines are skipped. */
  static List<List<String>> lines(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean cellStarted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        cellStarted = true;
      } else if (c == ',') {
        record.add(cell.toString());
        cell.setLength(0);
        cellStarted = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRecord(records, record, cell, cellStarted);
        record = new ArrayList<>();
        cellStarted = false;
      } else {
        cell.append(c);
        cellStarted = true;
      }
    }
    endRecord(records, record, cell, cellStarted);
    return records;
  }

  private static void endRecord(
      List<List<String>> records, List<String> record, StringBuilder cell, boolean cellStarted) {
    if (cellStarted || !record.isEmpty()) {
      record.add(cell.toString());
      records.add(record);
    }
    cell.setLength(0);
  }
}
