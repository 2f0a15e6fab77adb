package org.neonmigrate.workflows.fleet;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.neonmigrate.workflows.MigrationNames;

/**
 * A read-only survey of the Azure-managed orgs of some subscriptions: one row per org ready for a
 * batch, and the strays that cannot be one. It changes nothing, in Neon or in Azure. Its result
 * counts them; {@link #page} answers them ({@link FleetPlanPages#read} puts a plan together).
 */
@WorkflowInterface
public interface FleetPlanWorkflow {

  @WorkflowMethod(name = MigrationNames.FLEET_PLAN_TYPE)
  FleetPlanSummary plan(FleetPlanRequest request);

  @QueryMethod(name = MigrationNames.QUERY_FLEET_PLAN_PROGRESS)
  FleetPlanProgress progress();

  /** Rows and strays of the plan, a page at a time; complete once the run completed. */
  @QueryMethod(name = MigrationNames.QUERY_FLEET_PLAN_PAGE)
  FleetPlanPage page(FleetPlanPageRequest request);
}
