package org.neonmigrate.api;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.BatchWaveWorkflow;
import org.neonmigrate.workflows.batch.ChildProgress;
import org.neonmigrate.workflows.batch.ExternalSignals;
import org.neonmigrate.workflows.migration.Approval;
import org.neonmigrate.workflows.migration.ApprovalRecord;
import org.neonmigrate.workflows.migration.AzureDeletionState;
import org.neonmigrate.workflows.migration.Decision;
import org.neonmigrate.workflows.migration.DecisionRefusal;
import org.neonmigrate.workflows.migration.Gate;
import org.neonmigrate.workflows.migration.MigrationReport;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.MigrationStatus;
import org.neonmigrate.workflows.migration.ProjectCounts;
import org.neonmigrate.workflows.migration.Rejection;
import org.neonmigrate.workflows.migration.Step;

/**
 * A stand-in for the real workflow, just enough to drive the API: DISCOVER (held there while the
 * source org id starts with {@code held-}), then waits at azure-deletion, then DELETE_AZURE until
 * the test signals {@link #FINISH_DELETION}, then COMPLETED. Started by a wave, it reports its
 * steps to the wave by {@code childProgress} (the real one reports only its gates); the wave learns
 * of its end from the child promise.
 */
public class FakeOrgMigration implements org.neonmigrate.workflows.migration.OrgMigrationWorkflow {

  static final String RELEASE = "test-release";
  static final String FINISH_DELETION = "test-finish-deletion";

  private MigrationRequest request;
  private Step step = Step.DISCOVER;
  private String awaitingGate;
  private final List<ApprovalRecord> approvals = new ArrayList<>();
  private boolean released;
  private boolean decided;
  private boolean approved;
  private boolean deletionFinished;

  @Override
  public MigrationReport migrate(MigrationRequest request) {
    this.request = request;
    try {
      tellBatch(false);
      if (request.sourceOrgId().startsWith("held-")) {
        Workflow.await(() -> released);
      }
      awaitingGate = Gate.AZURE_DELETION.wireName();
      moveTo(Step.AZURE_DELETION);
      Workflow.await(() -> decided);
      awaitingGate = null;
      if (!approved) {
        moveTo(Step.CANCELLED);
        tellBatch(true);
        return report();
      }
      moveTo(Step.DELETE_AZURE);
      Workflow.await(() -> deletionFinished);
      moveTo(Step.COMPLETED);
      tellBatch(true);
      return report();
    } catch (CanceledFailure e) {
      step = Step.CANCELLED;
      awaitingGate = null;
      Workflow.newDetachedCancellationScope(() -> tellBatch(true)).run();
      throw e;
    }
  }

  private void tellBatch(boolean finished) {
    String parent = Workflow.getInfo().getParentWorkflowId().orElse(null);
    if (finished || !MigrationNames.isBatchWaveId(parent)) {
      return;
    }
    try {
      Workflow.newUntypedExternalWorkflowStub(parent)
          .signal(BatchWaveWorkflow.SIGNAL_CHILD_PROGRESS, ChildProgress.of(status(), false));
    } catch (ApplicationFailure | SignalExternalWorkflowException failure) {
      if (!ExternalSignals.targetClosed(failure)) {
        throw failure;
      }
    }
  }

  @Override
  public void approve(Approval approval) {
    if (RELEASE.equals(approval.gate())) {
      released = true;
    } else if (FINISH_DELETION.equals(approval.gate())) {
      deletionFinished = true;
    } else if (approval.gate().equals(awaitingGate)) {
      record(approval.gate(), approval.approver(), approval.comment(), true);
    }
  }

  @Override
  public void reject(Rejection rejection) {
    if (rejection.gate().equals(awaitingGate)) {
      record(rejection.gate(), rejection.approver(), rejection.reason(), false);
    }
  }

  @Override
  public MigrationStatus status() {
    return new MigrationStatus(
        request.sourceOrgId(),
        request.destinationOrgId(),
        step,
        awaitingGate,
        awaitingGate == null ? null : "waiting for a human",
        new ProjectCounts(3, step == Step.COMPLETED ? 3 : 0, 0),
        List.of(),
        List.copyOf(approvals),
        request.dryRun(),
        null,
        null,
        step == Step.COMPLETED ? AzureDeletionState.DELETED : AzureDeletionState.NOT_SENT,
        List.of());
  }

  @Override
  public MigrationReport report() {
    return new MigrationReport(
        request.sourceOrgId(),
        request.destinationOrgId(),
        step,
        request.dryRun(),
        null,
        step == Step.COMPLETED ? List.of("p-1", "p-2", "p-3") : List.of(),
        List.of(),
        List.of(),
        0,
        0,
        List.of(),
        step == Step.COMPLETED,
        List.copyOf(approvals),
        List.of("requested by " + request.requestedBy()),
        null,
        step == Step.COMPLETED ? AzureDeletionState.DELETED : AzureDeletionState.NOT_SENT);
  }

  @Override
  public MigrationStatus decide(Decision decision) {
    record(decision.gate(), decision.approver(), decision.comment(), decision.approve());
    return status();
  }

  @Override
  public void validateDecide(Decision decision) {
    // refuses as the real run does: the message led by a DecisionRefusal
    if (!decision.gate().equals(awaitingGate)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "NotWaitingAtGate: the run is at step %s, not waiting at %s"
              .formatted(step, decision.gate()),
          DecisionRefusal.NotWaitingAtGate.name());
    }
    if (decision.approve()
        && Gate.AZURE_DELETION.wireName().equals(decision.gate())
        && decision.approver().equalsIgnoreCase(request.requestedBy())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "FourEyes: " + decision.approver() + " started this run",
          DecisionRefusal.FourEyes.name());
    }
  }

  private void record(String gate, String who, String text, boolean approve) {
    approvals.add(new ApprovalRecord(gate, who, "1970-01-01T00:00:00Z", text, approve));
    decided = true;
    approved = approve;
  }

  private void moveTo(Step next) {
    step = next;
    Workflow.upsertTypedSearchAttributes(MigrationNames.MIGRATION_STEP.valueSet(next.name()));
    if (next != Step.COMPLETED && next != Step.CANCELLED) {
      tellBatch(false);
    }
  }
}
