package org.neonmigrate.workflows.migration;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.neonmigrate.workflows.activities.ActivityCatalogue;
import org.neonmigrate.workflows.activities.GateReminder;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.activities.NotificationActivities;
import org.slf4j.Logger;

/**
 * The points where a run waits for a human. A decision only counts for the gate the run waits at
 * when it arrives; anything else is logged and dropped, so an early {@code azure-deletion} approval
 * can never be applied later. The deletion approval must come from another person than the one who
 * started the run, whoever sends it (REST API, CLI, Web UI, any SDK).
 */
final class ApprovalGates {
  private static final Logger log = Workflow.getLogger(ApprovalGates.class);

  private final ActivityOptions reminderOptions = ActivityCatalogue.GATE_REMINDER;

  private final MigrationProgress progress;
  private final String requestedBy;
  private Decision pending;

  ApprovalGates(MigrationProgress progress, String requestedBy) {
    this.progress = progress;
    this.requestedBy = requestedBy;
  }

  /**
   * Waits at {@code gate} until someone decides, reminding operators every {@code reminderEvery}.
   * Returns on approval; a rejection ends the run with a non-retryable {@code MigrationRejected}.
   */
  void await(Gate gate, String reason, Duration reminderEvery, String sourceOrgId) {
    await(gate, reason, reason, reminderEvery, sourceOrgId);
  }

  /**
   * As above, with {@code details} for the Web UI's current details (a box about four lines high)
   * where the reason, which the status query and the reminders carry, is longer.
   */
  void await(Gate gate, String reason, String details, Duration reminderEvery, String sourceOrgId) {
    progress.openGate(gate, reason);
    progress.describe("**Waiting for " + gate.wireName() + " approval**: " + details);
    long openedAt = Workflow.currentTimeMillis();
    MigrationMetrics.gateOpened(gate);
    progress.notifier().gateOpened(gate, reason, progress.step());
    if (progress.compactHistory() && progress.notifier().inBatch()) {
      // a batch's run sends no reminders (the batch's digests name it): a timer would only wake it
      Workflow.await(() -> pending != null);
    } else {
      while (!Workflow.await(reminderEvery, () -> pending != null)) {
        remind(gate, reason, sourceOrgId, openedAt);
      }
    }
    Decision decision = pending;
    pending = null;
    progress.closeGate();
    MigrationMetrics.gateClosed(gate, decision.approve(), Workflow.currentTimeMillis() - openedAt);
    progress
        .notifier()
        .decisionRecorded(
            gate, progress.step(), decision.approver(), decision.approve(), decision.comment());
    if (!decision.approve()) {
      throw MigrationFailure.MigrationRejected.failure(
          "rejected at gate "
              + gate.wireName()
              + " by "
              + decision.approver()
              + ": "
              + decision.comment());
    }
  }

  void approve(Approval approval) {
    if (approval == null) {
      log.warn("Ignoring an empty approve signal");
      return;
    }
    offer(new Decision(approval.gate(), approval.approver(), true, approval.comment()), "approve");
  }

  void reject(Rejection rejection) {
    if (rejection == null) {
      log.warn("Ignoring an empty reject signal");
      return;
    }
    offer(
        new Decision(rejection.gate(), rejection.approver(), false, rejection.reason()), "reject");
  }

  /**
   * Validator of the {@code decide} update: must not change state; throws to refuse, the message
   * led by a {@link DecisionRefusal}. It runs before the events of its workflow task reach the run,
   * so a gate that task is about to open is not open yet: the caller is told to ask again.
   */
  void validate(Decision decision) {
    problemWith(decision)
        .ifPresent(
            problem -> {
              throw problem.failure();
            });
  }

  /** Handler of the {@code decide} update; re-checks since another decision may have won. */
  void decide(Decision decision) {
    Optional<Problem> problem = problemWith(decision);
    if (problem.isPresent()) {
      throw problem.get().failure();
    }
    apply(decision);
  }

  /** A refused decision: why, in words, and as a {@link DecisionRefusal} for callers. */
  private record Problem(DecisionRefusal refusal, String message) {
    ApplicationFailure failure() {
      return ApplicationFailure.newNonRetryableFailure(
          refusal.name() + ": " + message, refusal.name());
    }
  }

  private void offer(Decision decision, String signal) {
    Optional<Problem> problem = problemWith(decision);
    if (problem.isPresent()) {
      log.warn("Ignoring {} signal: {}", signal, problem.get().message());
      if (problem.get().refusal() == DecisionRefusal.FourEyes) {
        progress.recordRefusedDecision(
            decision.gate(), decision.approver(), problem.get().message());
      }
      return;
    }
    apply(decision);
  }

  /** The four-eyes rule: compared case-insensitively, so "Alice@x" cannot approve for "alice@x". */
  private boolean isSelfApproval(Decision decision) {
    return decision != null
        && decision.approve()
        && Gate.AZURE_DELETION.wireName().equals(decision.gate())
        && decision.approver() != null
        && (requestedBy == null
            || requestedBy.isBlank()
            || decision.approver().trim().equalsIgnoreCase(requestedBy.trim()));
  }

  private void apply(Decision decision) {
    Gate gate = Gate.fromWireName(decision.gate()).orElseThrow();
    pending = decision;
    progress.recordDecision(gate, decision.approver(), decision.comment(), decision.approve());
    log.info(
        "{} at gate {} by {}",
        decision.approve() ? "Approved" : "Rejected",
        gate.wireName(),
        decision.approver());
  }

  private Optional<Problem> problemWith(Decision decision) {
    if (decision == null) {
      return refused(DecisionRefusal.InvalidDecision, "the decision is empty");
    }
    Optional<Gate> gate = Gate.fromWireName(decision.gate());
    if (gate.isEmpty()) {
      return refused(
          DecisionRefusal.InvalidDecision,
          "unknown gate '"
              + decision.gate()
              + "'; gates are "
              + Arrays.stream(Gate.values()).map(Gate::wireName).toList());
    }
    if (decision.approver() == null || decision.approver().isBlank()) {
      return refused(DecisionRefusal.InvalidDecision, "an approver is required");
    }
    if (isSelfApproval(decision)) {
      return refused(
          DecisionRefusal.FourEyes,
          decision.approver()
              + " started this run ("
              + requestedBy
              + "), so another person must approve the azure-deletion gate; still waiting");
    }
    Gate waitingAt = progress.awaitingGate();
    if (waitingAt == null) {
      return refused(
          DecisionRefusal.NotWaitingAtGate,
          "the run is not waiting at any gate (step " + progress.step() + "); nothing to decide");
    }
    if (gate.get() != waitingAt) {
      return refused(
          DecisionRefusal.NotWaitingAtGate,
          "the run is at step "
              + progress.step()
              + " and waits at gate "
              + waitingAt.wireName()
              + ", not "
              + decision.gate());
    }
    if (pending != null) {
      return refused(
          DecisionRefusal.NotWaitingAtGate,
          "a decision for gate " + waitingAt.wireName() + " is already recorded");
    }
    return Optional.empty();
  }

  private static Optional<Problem> refused(DecisionRefusal refusal, String message) {
    return Optional.of(new Problem(refusal, message));
  }

  private void remind(Gate gate, String reason, String sourceOrgId, long openedAt) {
    long waitingMinutes = (Workflow.currentTimeMillis() - openedAt) / 60_000;
    if (progress.notifier().enabled()) {
      progress.notifier().reminder(gate, reason, progress.step(), waitingMinutes);
      return;
    }
    // a run from before operator notifications: the reminder it always sent, and waited for
    GateReminder reminder =
        new GateReminder(
            Workflow.getInfo().getWorkflowId(),
            sourceOrgId,
            gate.wireName(),
            reason,
            waitingMinutes);
    NotificationActivities notifications =
        Workflow.newActivityStub(
            NotificationActivities.class,
            reminderOptions.toBuilder()
                .setSummary(
                    "remind operators: " + gate.wireName() + " waiting " + waitingMinutes + " min")
                .build());
    try {
      notifications.remindOperators(reminder);
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof CanceledFailure) {
        throw e;
      }
      log.warn("Reminder for gate {} failed; still waiting: {}", gate.wireName(), e.getMessage());
    }
  }
}
