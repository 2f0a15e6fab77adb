package org.neonmigrate.api.migration;

import io.micronaut.context.annotation.Requires;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.ApiSettings;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.Approval;
import org.neonmigrate.workflows.migration.Decision;
import org.neonmigrate.workflows.migration.Gate;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.MigrationStatus;
import org.neonmigrate.workflows.migration.Rejection;
import org.neonmigrate.workflows.migration.Step;
import org.zalando.problem.ThrowableProblem;

/** Approvals, rejections and cancellation of a running migration. */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class MigrationDecisions {

  // once the ARM delete has been sent, stopping half-way would leave the resource in limbo
  private static final Set<Step> TOO_LATE_TO_CANCEL =
      EnumSet.of(Step.DELETE_AZURE, Step.COMPLETED, Step.FAILED, Step.CANCELLED);

  private final MigrationRuns runs;
  private final boolean fourEyesDeletion;

  private static final Duration DECISION_VISIBLE_WITHIN = Duration.ofSeconds(2);

  public MigrationDecisions(MigrationRuns runs, ApiSettings settings) {
    this.runs = runs;
    this.fourEyesDeletion = settings.fourEyesDeletion();
  }

  /** Sends {@code approve} or {@code reject}; 409 when the run does not wait at that gate. */
  public MigrationStatus decide(String sourceOrgId, Decision decision) {
    WorkflowExecutionDescription run = requireOpen(sourceOrgId, "decided on");
    Gate gate = Gate.fromWireName(decision.gate()).orElseThrow();
    // the query fails fast when no worker answers, where an update would wait for one
    MigrationStatus now = runs.typed(run.getExecution()).status();
    if (!decision.gate().equals(now.awaitingGate())) {
      throw Problems.conflict(
          "not-waiting-at-gate",
          "Not waiting at that gate",
          "The migration of '%s' is at %s and waits %s, not at gate %s."
              .formatted(
                  sourceOrgId,
                  now.step(),
                  now.awaitingGate() == null ? "at no gate" : "at gate " + now.awaitingGate(),
                  decision.gate()));
    }
    if (decision.approve()) {
      MigrationRequest input = runs.input(run.getExecution());
      FourEyesRule.check(fourEyesDeletion, gate, input.requestedBy(), decision.approver());
    }
    // A signal, not the decide update: the update's handler was seen to replay out of order
    // against events of the same workflow task; signals replay exactly where they happened. The
    // run still ignores a decision for a gate it no longer waits at.
    try {
      WorkflowStub stub = runs.untyped(run.getExecution());
      if (decision.approve()) {
        stub.signal(
            MigrationNames.SIGNAL_APPROVE,
            new Approval(decision.gate(), decision.approver(), decision.comment()));
      } else {
        stub.signal(
            MigrationNames.SIGNAL_REJECT,
            new Rejection(decision.gate(), decision.approver(), decision.comment()));
      }
    } catch (WorkflowNotFoundException e) {
      throw closed(sourceOrgId, "decided on", "closed meanwhile");
    }
    return afterDecision(run, now);
  }

  /**
   * The status once the run has recorded the decision, so the caller sees it; if the worker is slow
   * the status as it was (the decision is still on its way: 202 means accepted, not applied).
   */
  private MigrationStatus afterDecision(WorkflowExecutionDescription run, MigrationStatus before) {
    int recorded = before.approvals() == null ? 0 : before.approvals().size();
    long deadline = System.nanoTime() + DECISION_VISIBLE_WITHIN.toNanos();
    MigrationStatus latest = before;
    while (System.nanoTime() < deadline) {
      latest = runs.typed(run.getExecution()).status();
      if (latest.approvals() != null && latest.approvals().size() > recorded) {
        return latest;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return latest;
      }
    }
    return latest;
  }

  /** Requests cancellation; 409 once the Azure deletion has started or the run is closed. */
  public RunRef cancel(String sourceOrgId) {
    WorkflowExecutionDescription run = requireOpen(sourceOrgId, "cancelled");
    Step step = runs.typed(run.getExecution()).status().step();
    if (step != null && TOO_LATE_TO_CANCEL.contains(step)) {
      String why =
          step == Step.DELETE_AZURE
              ? "the Azure resource deletion has started"
              : "it is already finishing";
      throw Problems.conflict(
          "too-late-to-cancel",
          "Too late to cancel",
          "The migration of '%s' is at %s: %s, so it can no longer be cancelled."
              .formatted(sourceOrgId, step, why));
    }
    runs.untyped(run.getExecution()).cancel();
    return new RunRef(run.getExecution().getWorkflowId(), run.getExecution().getRunId());
  }

  /** The workflow and run a decision or cancellation went to. */
  public record RunRef(String workflowId, String runId) {}

  private WorkflowExecutionDescription requireOpen(String sourceOrgId, String verb) {
    WorkflowExecutionDescription run = runs.describe(sourceOrgId);
    if (run.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw closed(
          sourceOrgId, verb, run.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
    }
    return run;
  }

  private static ThrowableProblem closed(String sourceOrgId, String verb, String status) {
    return Problems.conflict(
        "migration-closed",
        "The migration is no longer running",
        "The migration of '%s' is %s and can no longer be %s."
            .formatted(sourceOrgId, status, verb));
  }
}
