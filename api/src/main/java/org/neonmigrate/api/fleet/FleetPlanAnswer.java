package org.neonmigrate.api.fleet;

import io.micronaut.core.annotation.Nullable;
import org.neonmigrate.workflows.fleet.FleetPlan;
import org.neonmigrate.workflows.fleet.FleetPlanProgress;

/**
 * {@code GET /fleet/plans/{planId}}: the plan once {@code status} is COMPLETED, else where it is.
 *
 * @param status RUNNING, COMPLETED or FAILED
 * @param progress the running plan's progress; null once closed
 * @param error why it failed (e.g. type AzureAccessDenied); null otherwise
 * @param plan the rows and strays; null until COMPLETED
 */
public record FleetPlanAnswer(
    String planId,
    String workflowId,
    String status,
    @Nullable FleetPlanProgress progress,
    @Nullable Error error,
    @Nullable FleetPlan plan) {

  /**
   * @param type the failure's stable name (AzureAccessDenied, AzureNextLinkRefused, ...)
   */
  public record Error(String type, String message) {}
}
