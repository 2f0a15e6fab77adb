package org.neonmigrate.api.batch;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.neonmigrate.workflows.batch.BatchReport;
import org.neonmigrate.workflows.batch.OrgOutcome;

/** The batch report as CSV: a header, then one row per org in the batch's order. */
final class BatchReportCsv {

  static final String HEADER =
      "sourceOrgId,step,finished,projectsMoved,blockers,approvals,error,adopted";

  private BatchReportCsv() {}

  static String render(BatchReport report) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (OrgOutcome row : report.orgs()) {
      out.append(
              Stream.of(
                      row.sourceOrgId(),
                      step(row),
                      String.valueOf(row.finished()),
                      String.valueOf(row.projectsMoved()),
                      String.valueOf(row.blockers()),
                      row.approvals(),
                      row.error(),
                      String.valueOf(Boolean.TRUE.equals(row.adopted())))
                  .map(BatchReportCsv::cell)
                  .collect(Collectors.joining(",")))
          .append("\r\n");
    }
    return out.toString();
  }

  /** The step, or where an org without a reported step is: not started, or starting. */
  private static String step(OrgOutcome row) {
    if (row.step() != null) {
      return row.step().name();
    }
    return row.started() ? "STARTING" : "NOT_STARTED";
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
