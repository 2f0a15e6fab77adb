package org.neonmigrate.workflows.migration;

import java.time.Duration;
import org.neonmigrate.workflows.activities.OrgCheck;

/**
 * The plan-upgrade gate: after each approval the destination plan is read again, and the run only
 * goes on once Neon no longer reports it too low.
 */
final class PlanUpgradeGate {
  private final MigrationRequest request;
  private final MigrationProgress progress;
  private final ApprovalGates gates;
  private final DiscoveryStep discovery;

  PlanUpgradeGate(
      MigrationRequest request,
      MigrationProgress progress,
      ApprovalGates gates,
      DiscoveryStep discovery) {
    this.request = request;
    this.progress = progress;
    this.gates = gates;
    this.discovery = discovery;
  }

  /** Returns once a human approved and the destination plan suffices; leaves step PLAN_UPGRADE. */
  void pass(String reason) {
    Duration reminderEvery = Duration.ofMinutes(request.reminderMinutesOrDefault());
    String why = reason;
    while (true) {
      progress.enter(Step.PLAN_UPGRADE, "Waiting for the destination plan upgrade: " + why);
      gates.await(Gate.PLAN_UPGRADE, why, reminderEvery, request.sourceOrgId());
      progress.describe("Re-reading the destination plan after the plan-upgrade approval");
      OrgCheck check = discovery.checkOrganizations("re-read plans after plan-upgrade approval");
      if (!check.planUpgradeNeeded()) {
        return;
      }
      why =
          "destination plan is still "
              + check.destination().plan()
              + "; source is "
              + check.source().plan();
    }
  }
}
