package org.neonmigrate.workflows.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads a finished plan's rows and strays page by page and puts the whole plan together. */
public final class FleetPlanPages {

  /** About 300 KB of rows: far below Temporal's payload limit, also with long notes. */
  public static final int MAX_PAGE = 500;

  private FleetPlanPages() {}

  /** A page of {@code items} from {@code offset}, at most {@code limit} long. */
  static <T> List<T> slice(List<T> items, int offset, int limit) {
    int from = Math.max(0, Math.min(offset, items.size()));
    int to = Math.min(items.size(), from + Math.max(1, Math.min(limit, MAX_PAGE)));
    return List.copyOf(items.subList(from, to));
  }

  /**
   * The plan the summary counts, read through {@code page} (the {@code page} query of the run);
   * fails when the pages end before the counts do.
   */
  public static FleetPlan read(
      FleetPlanSummary summary, int pageSize, Function<FleetPlanPageRequest, FleetPlanPage> page) {
    List<FleetPlanRow> rows = new ArrayList<>(summary.rows());
    List<FleetStray> strays = new ArrayList<>(summary.strays());
    while (rows.size() < summary.rows() || strays.size() < summary.strays()) {
      FleetPlanPage next =
          page.apply(new FleetPlanPageRequest(rows.size(), strays.size(), pageSize));
      if (next.rows().isEmpty() && next.strays().isEmpty()) {
        throw new IllegalStateException(
            "plan %s: pages ended at %d of %d rows and %d of %d strays"
                .formatted(
                    summary.planId(),
                    rows.size(),
                    summary.rows(),
                    strays.size(),
                    summary.strays()));
      }
      rows.addAll(next.rows());
      strays.addAll(next.strays());
    }
    return new FleetPlan(
        summary.planId(),
        summary.subscriptionIds(),
        summary.rule(),
        summary.requestedBy(),
        summary.azureResources(),
        rows,
        strays);
  }
}
