package org.neonmigrate.workflows.fleet;

import java.util.List;

/**
 * What to plan: the Azure subscriptions whose {@code Neon.Postgres/organizations} resources are
 * listed, and where their orgs should go.
 *
 * @param planId the id of the plan; the workflow id is {@code fleet-plan-<planId>}
 * @param dryRun the {@code dryRun} value the rows carry into {@code POST /batches}; null means
 *     true, so a plan posted unedited only plans each migration
 */
public record FleetPlanRequest(
    String planId,
    List<String> subscriptionIds,
    DestinationRule destination,
    String requestedBy,
    Boolean dryRun) {

  public boolean rowsDryRun() {
    return dryRun == null || dryRun;
  }
}
