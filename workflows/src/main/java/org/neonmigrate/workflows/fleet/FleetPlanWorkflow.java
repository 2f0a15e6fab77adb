package org.neonmigrate.workflows.fleet;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.neonmigrate.workflows.MigrationNames;

/**
 * A read-only survey of the Azure-managed orgs of some subscriptions: one row per org ready for a
 * batch, and the strays that cannot be one. It changes nothing, in Neon or in Azure.
 */
@WorkflowInterface
public interface FleetPlanWorkflow {

  @WorkflowMethod(name = MigrationNames.FLEET_PLAN_TYPE)
  FleetPlan plan(FleetPlanRequest request);

  @QueryMethod(name = MigrationNames.QUERY_FLEET_PLAN_PROGRESS)
  FleetPlanProgress progress();
}
