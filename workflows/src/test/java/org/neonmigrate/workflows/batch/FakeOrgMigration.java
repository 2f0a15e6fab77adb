package org.neonmigrate.workflows.batch;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.Approval;
import org.neonmigrate.workflows.migration.ApprovalRecord;
import org.neonmigrate.workflows.migration.AzureDeletionState;
import org.neonmigrate.workflows.migration.Decision;
import org.neonmigrate.workflows.migration.Gate;
import org.neonmigrate.workflows.migration.MigrationReport;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.MigrationStatus;
import org.neonmigrate.workflows.migration.OrgMigrationWorkflow;
import org.neonmigrate.workflows.migration.ProjectCounts;
import org.neonmigrate.workflows.migration.Rejection;
import org.neonmigrate.workflows.migration.Step;

/**
 * A stand-in {@code OrgMigration} that reports to its wave as the real one does (when it starts and
 * stops waiting at a gate): DISCOVER, five minutes of work, a wait at the azure-deletion gate,
 * DELETE_AZURE, COMPLETED. Per source org it can fail, crash without reporting, work forever, or
 * hang while deleting. It records how many runs work before the gate at once, and which runs were
 * approved or cancelled.
 */
public class FakeOrgMigration implements OrgMigrationWorkflow {
  static final Duration WORK = Duration.ofMinutes(5);

  enum Behaviour {
    NORMAL,
    /** No gate: completes right after the work. */
    GATELESS,
    /** No work time and no gate: needs no timer (see the continue-as-new test). */
    INSTANT,
    /** No work time, then the gate: children that reach it at once, for real-time tests. */
    GATE_ONLY,
    /** Reports FAILED with an error, then fails. */
    FAIL,
    /** Fails without a final report, like a bug or a termination. */
    CRASH,
    /** Works until cancelled. */
    WORK_FOREVER,
    /** Passes the gate, reaches DELETE_AZURE and stays there. */
    HANG_IN_DELETE
  }

  static final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();

  /** Orgs between their start and the end of their work, by the latest execution of each run. */
  static final Set<String> working = ConcurrentHashMap.newKeySet();

  static final AtomicInteger maxWorking = new AtomicInteger();
  static final Set<String> started = ConcurrentHashMap.newKeySet();
  static final Set<String> approved = ConcurrentHashMap.newKeySet();
  static final Set<String> cancelled = ConcurrentHashMap.newKeySet();

  static void reset() {
    behaviours.clear();
    working.clear();
    maxWorking.set(0);
    started.clear();
    approved.clear();
    cancelled.clear();
  }

  private MigrationRequest request;
  private Step step = Step.DISCOVER;
  private String awaitingGate;
  private Approval approval;
  private Rejection rejection;

  @Override
  public MigrationReport migrate(MigrationRequest request) {
    this.request = request;
    Behaviour behaviour = behaviours.getOrDefault(request.sourceOrgId(), Behaviour.NORMAL);
    if (!Workflow.isReplaying()) {
      started.add(request.sourceOrgId());
    }
    try {
      startWorking();
      if (behaviour != Behaviour.INSTANT && behaviour != Behaviour.GATE_ONLY) {
        Workflow.sleep(WORK);
      }
      if (behaviour == Behaviour.WORK_FOREVER) {
        Workflow.await(() -> false);
      }
      stopWorking();
      if (behaviour == Behaviour.CRASH) {
        throw ApplicationFailure.newNonRetryableFailure("worker bug", "IllegalStateException");
      }
      if (behaviour == Behaviour.FAIL) {
        step = Step.FAILED;
        throw ApplicationFailure.newNonRetryableFailure(
            "project p-1 missing in destination", "VerificationFailed");
      }
      if (behaviour == Behaviour.NORMAL
          || behaviour == Behaviour.GATE_ONLY
          || behaviour == Behaviour.HANG_IN_DELETE) {
        waitAtDeletionGate();
      }
      step = Step.DELETE_AZURE;
      if (behaviour == Behaviour.HANG_IN_DELETE) {
        Workflow.await(() -> false);
      }
      step = Step.COMPLETED;
      return finalReport(null);
    } catch (CanceledFailure e) {
      stopWorking();
      step = Step.CANCELLED;
      if (!Workflow.isReplaying()) {
        cancelled.add(request.sourceOrgId());
      }
      throw e;
    }
  }

  private void waitAtDeletionGate() {
    step = Step.AZURE_DELETION;
    awaitingGate = Gate.AZURE_DELETION.wireName();
    tellBatch(null, false);
    Workflow.await(() -> approval != null || rejection != null);
    awaitingGate = null;
    tellBatch(null, false);
    if (rejection != null) {
      step = Step.FAILED;
      throw ApplicationFailure.newNonRetryableFailure(rejection.reason(), "MigrationRejected");
    }
    if (!Workflow.isReplaying()) {
      approved.add(request.sourceOrgId());
    }
  }

  // A set by org, updated on replay too: a run evicted from the worker's cache and replayed must
  // neither count twice nor stay counted after its work ended. The maximum is taken only live.
  private void startWorking() {
    working.add(request.sourceOrgId());
    if (!Workflow.isReplaying()) {
      maxWorking.accumulateAndGet(working.size(), Math::max);
    }
  }

  private void stopWorking() {
    working.remove(request.sourceOrgId());
  }

  /** Sends {@code childProgress} to the wave, as the real OrgMigration does. */
  private void tellBatch(String error, boolean finished) {
    String parent = Workflow.getInfo().getParentWorkflowId().orElse(null);
    if (!MigrationNames.isBatchWaveId(parent)) {
      return;
    }
    try {
      Workflow.newUntypedExternalWorkflowStub(parent)
          .signal(
              BatchWaveWorkflow.SIGNAL_CHILD_PROGRESS, ChildProgress.of(status(error), finished));
    } catch (ApplicationFailure | SignalExternalWorkflowException failure) {
      if (!ExternalSignals.targetClosed(failure)) {
        throw failure;
      }
      Workflow.getLogger(FakeOrgMigration.class).info("batch gone: {}", failure.getMessage());
    }
  }

  private MigrationStatus status(String error) {
    List<ApprovalRecord> approvals =
        approval == null
            ? List.of()
            : List.of(
                new ApprovalRecord(
                    approval.gate(), approval.approver(), "2025-06-01T10:00:00Z", null, true));
    return new MigrationStatus(
        request.sourceOrgId(),
        request.destinationOrgId(),
        step,
        awaitingGate,
        null,
        new ProjectCounts(3, step == Step.COMPLETED ? 3 : 0, 0),
        List.of(),
        approvals,
        request.dryRun(),
        error,
        null,
        step == Step.COMPLETED ? AzureDeletionState.DELETED : AzureDeletionState.NOT_SENT,
        List.of());
  }

  private MigrationReport finalReport(String error) {
    MigrationStatus s = status(error);
    return new MigrationReport(
        request.sourceOrgId(),
        request.destinationOrgId(),
        step,
        request.dryRun(),
        null,
        List.of("p-1", "p-2", "p-3"),
        List.of(),
        List.of(),
        0,
        0,
        List.of(),
        true,
        s.approvals(),
        List.of(),
        error,
        s.azureDeletion());
  }

  @Override
  public void approve(Approval approval) {
    if (awaitingGate != null && awaitingGate.equals(approval.gate())) {
      this.approval = approval;
    }
  }

  @Override
  public void reject(Rejection rejection) {
    if (awaitingGate != null && awaitingGate.equals(rejection.gate())) {
      this.rejection = rejection;
    }
  }

  @Override
  public MigrationStatus status() {
    return status(null);
  }

  @Override
  public MigrationReport report() {
    return finalReport(null);
  }

  @Override
  public MigrationStatus decide(Decision decision) {
    if (decision.approve()) {
      approve(new Approval(decision.gate(), decision.approver(), decision.comment()));
    } else {
      reject(new Rejection(decision.gate(), decision.approver(), decision.comment()));
    }
    return status(null);
  }

  @Override
  public void validateDecide(Decision decision) {}
}
