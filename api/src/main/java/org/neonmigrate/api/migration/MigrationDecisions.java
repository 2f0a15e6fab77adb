package org.neonmigrate.api.migration;

import io.micronaut.context.annotation.Requires;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Set;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.ApiSettings;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.Decision;
import org.neonmigrate.workflows.migration.Gate;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.MigrationStatus;
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

  public MigrationDecisions(MigrationRuns runs, ApiSettings settings) {
    this.runs = runs;
    this.fourEyesDeletion = settings.fourEyesDeletion();
  }

  /** Sends the {@code decide} update; 409 when the run does not wait at that gate. */
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
    try {
      return runs.untyped(run.getExecution())
          .update(MigrationNames.UPDATE_DECIDE, MigrationStatus.class, decision);
    } catch (WorkflowUpdateException e) {
      throw notWaiting(sourceOrgId, decision.gate(), e);
    } catch (WorkflowNotFoundException e) {
      throw closed(sourceOrgId, "decided on", "closed meanwhile");
    }
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

  private static ThrowableProblem notWaiting(
      String sourceOrgId, String gate, WorkflowUpdateException e) {
    String why =
        e.getCause() instanceof ApplicationFailure failure
            ? failure.getOriginalMessage()
            : "it is not waiting there";
    return Problems.conflict(
        "not-waiting-at-gate",
        "Not waiting at that gate",
        "The migration of '%s' refused a decision at gate %s: %s"
            .formatted(sourceOrgId, gate, why));
  }
}
