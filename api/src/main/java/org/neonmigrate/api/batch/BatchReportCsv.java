package org.neonmigrate.api.batch;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.neonmigrate.workflows.batch.OrgOutcome;

/** The batch report as CSV: a header, then one row per org in the batch's order. */
final class BatchReportCsv {

  static final String HEADER =
      "sourceOrgId,step,awaitingGate,finished,projectsMoved,blockers,approvals,error";

  private BatchReportCsv() {}

  static String render(List<OrgOutcome> rows) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (OrgOutcome row : rows) {
      out.append(
              Stream.of(
                      row.sourceOrgId(),
                      step(row),
                      row.awaitingGate(),
                      String.valueOf(row.finished()),
                      String.valueOf(row.projectsMoved()),
                      String.valueOf(row.blockers()),
                      row.approvals(),
                      row.error())
                  .map(BatchReportCsv::cell)
                  .collect(Collectors.joining(",")))
          .append("\r\n");
    }
    return out.toString();
  }

  /**
   * The step the run reported (at a gate) or ended at; else {@code RUNNING} or {@code NOT_STARTED}
   * (a running run's own step is in its status and its {@code MigrationStep} search attribute).
   */
  private static String step(OrgOutcome row) {
    if (row.step() != null) {
      return row.step().name();
    }
    return row.started() ? "RUNNING" : "NOT_STARTED";
  }

  /**
   * Quoted when needed; a leading {@code = + - @} is prefixed with a quote so that a spreadsheet
   * does not run it as a formula.
   */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    if (List.of(",", "\"", "\n", "\r").stream().anyMatch(safe::contains)) {
      return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
    return safe;
  }
}
