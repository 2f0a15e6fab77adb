package org.neonmigrate.api.fleet;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.neonmigrate.workflows.fleet.FleetPlan;
import org.neonmigrate.workflows.fleet.FleetPlanRow;

/**
 * A plan's rows in the CSV layout {@code POST /batches} reads (its required columns, nothing else,
 * so the file goes back unedited); strays and the review columns are in the JSON. A row without a
 * destination keeps an empty cell, which the batch refuses until it is filled in.
 */
public final class FleetPlanCsv {

  public static final List<String> COLUMNS =
      List.of(
          "sourceOrgId",
          "destinationOrgId",
          "subscriptionId",
          "resourceGroup",
          "resourceName",
          "dryRun");

  private FleetPlanCsv() {}

  public static String render(FleetPlan plan) {
    StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (FleetPlanRow row : plan.rows()) {
      out.append(
              Stream.of(
                      row.sourceOrgId(),
                      row.destinationOrgId(),
                      row.subscriptionId(),
                      row.resourceGroup(),
                      row.resourceName(),
                      String.valueOf(row.dryRun()))
                  .map(FleetPlanCsv::field)
                  .collect(Collectors.joining(",")))
          .append("\r\n");
    }
    return out.toString();
  }

  /**
   * RFC 4180 quoting where a value needs it. No formula guard: every value is an id or a name ARM
   * and Neon allow, and a prefixed one would no longer be accepted by the batch.
   */
  static String field(String value) {
    if (value == null) {
      return "";
    }
    boolean quote =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0;
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
