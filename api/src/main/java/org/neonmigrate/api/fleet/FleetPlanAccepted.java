package org.neonmigrate.api.fleet;

/** Answer to {@code POST /fleet/plan}: where to read the plan, as JSON or as batch CSV. */
public record FleetPlanAccepted(String planId, String workflowId, String statusUrl) {

  static FleetPlanAccepted of(String planId, String workflowId) {
    return new FleetPlanAccepted(planId, workflowId, statusUrl(planId));
  }

  static String statusUrl(String planId) {
    return "/fleet/plans/" + planId;
  }
}
