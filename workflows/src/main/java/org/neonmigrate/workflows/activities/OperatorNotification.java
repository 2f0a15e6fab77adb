package org.neonmigrate.workflows.activities;

import java.util.Map;

/**
 * One message to the operators' webhook (README, "Notifications"). Fields that do not apply to a
 * kind are null. It carries org ids and approvers (the webhook is the operator's own), never keys.
 *
 * @param kind one of the {@code KIND_} constants
 * @param occurredAt ISO-8601 workflow time of the event
 * @param workflowId the run (or batch) it is about
 * @param batchId the batch of a {@code batch-digest}
 * @param step the run's step when it happened
 * @param gate the gate's wire name, for gate kinds
 * @param reason why the gate waits, or the interlock's failure type
 * @param waitingMinutes how long the gate has waited, for reminders
 * @param approved for {@code approval-recorded}: approved (true) or rejected (false)
 * @param error the failure message, for {@code failed} and {@code interlock-refusal}
 * @param counts projects (total, transferred, blocked) of a run; of a batch, its runs per state
 *     (NOT_STARTED, WORKING, WAITING_FOR_HUMAN, COMPLETED, FAILED, CANCELLED)
 * @param waitingAtGates for {@code batch-digest}: runs waiting per gate
 */
public record OperatorNotification(
    String kind,
    String occurredAt,
    String workflowId,
    String batchId,
    String sourceOrgId,
    String destinationOrgId,
    String step,
    String gate,
    String reason,
    Long waitingMinutes,
    String approver,
    Boolean approved,
    String error,
    Map<String, Integer> counts,
    Map<String, Integer> waitingAtGates) {

  public static final String KIND_GATE_OPENED = "gate-opened";
  public static final String KIND_REMINDER = "reminder";
  public static final String KIND_APPROVAL_RECORDED = "approval-recorded";
  public static final String KIND_INTERLOCK_REFUSAL = "interlock-refusal";
  public static final String KIND_FAILED = "failed";
  public static final String KIND_CANCELLED = "cancelled";
  public static final String KIND_COMPLETED = "completed";
  public static final String KIND_BATCH_DIGEST = "batch-digest";
}
