package org.neonmigrate.workflows.budget;

import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One per Neon account (API key): the fleet-wide rate budget. Workers lease a few tokens at a time
 * through the {@value #UPDATE_LEASE} update; the workflow enforces the per-minute account limit and
 * the per-route per-second limit with its own deterministic clock.
 */
@WorkflowInterface
public interface NeonApiBudgetWorkflow {

  String TYPE = "NeonApiBudget";
  String ID_PREFIX = "neon-api-budget-";
  String UPDATE_LEASE = "lease";

  /** Workflow ID for a key fingerprint (a hash prefix of the key, never the key itself). */
  static String workflowId(String keyFingerprint) {
    return ID_PREFIX + keyFingerprint;
  }

  /** Runs until idle, continuing as new to keep its history bounded. */
  @WorkflowMethod(name = TYPE)
  void run(BudgetRun run);

  @UpdateMethod(name = UPDATE_LEASE)
  Lease lease(LeaseRequest request);

  @UpdateValidatorMethod(updateName = UPDATE_LEASE)
  void validateLease(LeaseRequest request);
}
