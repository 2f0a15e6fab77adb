package org.neonmigrate.api;

import java.util.ArrayList;
import java.util.List;
import org.neonmigrate.workflows.fleet.FleetPlan;
import org.neonmigrate.workflows.fleet.FleetPlanFailure;
import org.neonmigrate.workflows.fleet.FleetPlanPage;
import org.neonmigrate.workflows.fleet.FleetPlanPageRequest;
import org.neonmigrate.workflows.fleet.FleetPlanProgress;
import org.neonmigrate.workflows.fleet.FleetPlanRequest;
import org.neonmigrate.workflows.fleet.FleetPlanRow;
import org.neonmigrate.workflows.fleet.FleetPlanSummary;
import org.neonmigrate.workflows.fleet.FleetPlanWorkflow;
import org.neonmigrate.workflows.fleet.FleetStray;

/**
 * A stand-in for the real plan, enough to drive the API: one row per subscription (source org
 * {@code src-<planId>-<n>}, named {@code name-<n>}, destination by the request's rule) and one
 * stray; the subscription {@link #DENIED} fails it as ARM's 403 would.
 */
public class FakeFleetPlan implements FleetPlanWorkflow {

  static final String DENIED = "00000000-0000-4000-8000-000000000403";

  private FleetPlanProgress progress = new FleetPlanProgress("LISTING_AZURE", 0, 0, 0);
  private FleetPlan plan;

  @Override
  public FleetPlanSummary plan(FleetPlanRequest request) {
    if (request.subscriptionIds().contains(DENIED)) {
      throw FleetPlanFailure.AzureAccessDenied.failure(
          "GET Neon.Postgres/organizations of subscription " + DENIED + " answered 403");
    }
    List<FleetPlanRow> rows = new ArrayList<>();
    for (int n = 1; n <= request.subscriptionIds().size(); n++) {
      String destination = request.destination().destinationFor("name-" + n);
      rows.add(
          new FleetPlanRow(
              "src-" + request.planId() + "-" + n,
              "name-" + n,
              destination == null ? "" : destination,
              request.subscriptionIds().get(n - 1),
              "rg-neon_prod.(eu)-" + n,
              "neon-org: main " + n,
              3,
              2,
              "scale",
              "scale",
              true,
              List.of(),
              request.rowsDryRun(),
              List.of()));
    }
    progress = new FleetPlanProgress("DONE", rows.size(), rows.size(), rows.size());
    plan =
        new FleetPlan(
            request.planId(),
            request.subscriptionIds(),
            request.destination().rule(),
            request.requestedBy(),
            rows.size(),
            rows,
            List.of(
                new FleetStray(
                    FleetStray.Kind.NO_AZURE_RESOURCE,
                    "org-az-orphan",
                    "orphan",
                    null,
                    null,
                    null,
                    "no resource names it")));
    return new FleetPlanSummary(
        plan.planId(),
        plan.subscriptionIds(),
        plan.rule(),
        plan.requestedBy(),
        plan.azureResources(),
        plan.rows().size(),
        plan.strays().size());
  }

  /** One row and one stray a page, so that the API's reading of several pages is exercised. */
  @Override
  public FleetPlanPage page(FleetPlanPageRequest request) {
    return new FleetPlanPage(
        plan.rows()
            .subList(
                Math.min(request.rowOffset(), plan.rows().size()),
                Math.min(request.rowOffset() + 1, plan.rows().size())),
        plan.strays()
            .subList(
                Math.min(request.strayOffset(), plan.strays().size()),
                Math.min(request.strayOffset() + 1, plan.strays().size())));
  }

  @Override
  public FleetPlanProgress progress() {
    return progress;
  }
}
