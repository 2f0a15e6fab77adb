package org.neonmigrate.api.migration;

import io.grpc.Context;
import io.grpc.Status;
import io.micronaut.context.annotation.Requires;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.api.problem.TemporalFailures;
import org.neonmigrate.api.temporal.TemporalSettings;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.Decision;
import org.neonmigrate.workflows.migration.DecisionRefusal;
import org.neonmigrate.workflows.migration.MigrationStatus;
import org.neonmigrate.workflows.migration.Step;
import org.zalando.problem.ThrowableProblem;

/**
 * Approvals, rejections and cancellation of a running migration.
 *
 * <p>A human's decision goes to the run as its {@code decide} update, the one mechanism for it: the
 * update's validator answers at once (409 when the run does not wait at that gate, 403 when the
 * four-eyes rule fails), and when the update returns the decision is recorded and the answer is the
 * status with it. No status query before it and no polling after. The update was checked to replay
 * exactly on SDK 1.38.0 when it arrives in the same workflow task as an activity's completion or a
 * signal ({@code DecideUpdateReplayTest}). The {@code approve}/{@code reject} signals stay for
 * Temporal CLI callers and for batches, which relay bulk decisions by them.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class MigrationDecisions {

  // once the ARM delete has been sent, stopping half-way would leave the resource in limbo
  private static final Set<Step> TOO_LATE_TO_CANCEL =
      EnumSet.of(Step.DELETE_AZURE, Step.COMPLETED, Step.FAILED, Step.CANCELLED);

  private final MigrationRuns runs;
  private final Duration decisionDeadline;

  public MigrationDecisions(MigrationRuns runs, TemporalSettings temporal) {
    this.runs = runs;
    this.decisionDeadline = temporal.rpcTimeout();
  }

  /**
   * Records the decision through the run's {@code decide} update and returns the status with it. An
   * update waits for a worker to take it, so it gets the API's Temporal deadline: past it, 503.
   */
  public MigrationStatus decide(String sourceOrgId, Decision decision) {
    WorkflowExecutionDescription run = requireOpen(sourceOrgId, "decided on");
    WorkflowStub stub = runs.untyped(run.getExecution());
    try {
      return withinDeadline(
          () -> stub.update(MigrationNames.UPDATE_DECIDE, MigrationStatus.class, decision));
    } catch (WorkflowUpdateException e) {
      throw refused(sourceOrgId, decision, e);
    } catch (WorkflowNotFoundException e) {
      throw closed(sourceOrgId, "decided on", "closed meanwhile");
    } catch (WorkflowException e) {
      Status.Code code = TemporalFailures.grpcCode(e);
      if (code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.CANCELLED) {
        throw Problems.temporalUnavailable(
            ("No worker took the decision within %d s (%s). It may still be recorded once a worker"
                    + " takes it: look at the migration's status before deciding again.")
                .formatted(decisionDeadline.toSeconds(), code));
      }
      throw e;
    }
  }

  /** Runs the call under a gRPC deadline, which the SDK's own long poll for the update obeys. */
  private <T> T withinDeadline(Callable<T> call) {
    try (Context.CancellableContext bounded =
        Context.current()
            .withDeadlineAfter(decisionDeadline.toMillis(), TimeUnit.MILLISECONDS, DEADLINES)) {
      return bounded.call(call);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The run's refusal, as the REST API documents it: 403 for four eyes, else 409. */
  private static ThrowableProblem refused(
      String sourceOrgId, Decision decision, WorkflowUpdateException refusal) {
    ApplicationFailure why = null;
    for (Throwable t = refusal.getCause(); t != null && why == null; t = t.getCause()) {
      why = t instanceof ApplicationFailure app ? app : null;
    }
    String text = why == null ? refusal.getMessage() : why.getOriginalMessage();
    Optional<DecisionRefusal> kind = DecisionRefusal.named(text);
    String message = DecisionRefusal.reason(text);
    if (kind.equals(Optional.of(DecisionRefusal.FourEyes))) {
      return FourEyesRule.refusal(decision.approver());
    }
    if (kind.equals(Optional.of(DecisionRefusal.NotWaitingAtGate))) {
      return Problems.conflict(
          "not-waiting-at-gate",
          "Not waiting at that gate",
          "The migration of '%s' takes no decision at gate %s now: %s."
              .formatted(sourceOrgId, decision.gate(), message));
    }
    return Problems.conflict(
        "decision-refused",
        "Decision refused",
        "The migration of '%s' refused the decision at gate %s: %s."
            .formatted(sourceOrgId, decision.gate(), message));
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

  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "decision-deadlines");
            t.setDaemon(true);
            return t;
          });

  private static ThrowableProblem closed(String sourceOrgId, String verb, String status) {
    return Problems.conflict(
        "migration-closed",
        "The migration is no longer running",
        "The migration of '%s' is %s and can no longer be %s."
            .formatted(sourceOrgId, status, verb));
  }
}
