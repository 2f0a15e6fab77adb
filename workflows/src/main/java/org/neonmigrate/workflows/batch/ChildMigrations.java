package org.neonmigrate.workflows.batch;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.Approval;
import org.neonmigrate.workflows.migration.MigrationReport;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.MigrationTexts;
import org.neonmigrate.workflows.migration.OrgMigrationWorkflow;
import org.neonmigrate.workflows.migration.Rejection;
import org.neonmigrate.workflows.migration.Step;
import org.slf4j.Logger;

/** The batch's dealings with its {@code OrgMigration} children: start, watch, probe, cancel. */
final class ChildMigrations {
  private static final Logger log = Workflow.getLogger(ChildMigrations.class);

  private final BatchLedger ledger;
  private int openInThisRun;

  ChildMigrations(BatchLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * Starts the org's migration; the returned promise completes (never fails) once Temporal has
   * started or refused it. A refusal because the run exists is that org's run: the batch adopts it.
   */
  Promise<Void> start(MigrationRequest request) {
    MigrationRequest childRequest =
        new MigrationRequest(
            request.sourceOrgId(),
            request.destinationOrgId(),
            request.azure(),
            request.dryRun(),
            ledger.requestedBy(),
            request.replaceOrgApiKeys(),
            request.reminderIntervalMinutes(),
            ledger.batchId());
    OrgMigrationWorkflow child =
        Workflow.newChildWorkflowStub(OrgMigrationWorkflow.class, options(childRequest));
    openInThisRun++;
    List<Promise<Void>> started = new ArrayList<>(1);
    // Detached: cancelling the batch must not touch children; it cancels the right ones itself.
    Workflow.newDetachedCancellationScope(
            () -> {
              Async.function(child::migrate, childRequest)
                  .handle(
                      (report, failure) -> {
                        openInThisRun--;
                        onClosed(request.sourceOrgId(), report, failure);
                        return null;
                      });
              started.add(
                  Workflow.getWorkflowExecution(child).handle((execution, failure) -> null));
            })
        .run();
    return started.get(0);
  }

  /** Children started by this run and not closed: they count against the 2,000-children limit. */
  int openInThisRun() {
    return openInThisRun;
  }

  private ChildWorkflowOptions options(MigrationRequest request) {
    String summary =
        "Batch "
            + request.batchId()
            + ": "
            + request.sourceOrgId()
            + " → "
            + request.destinationOrgId()
            + (request.dryRun() ? " (dry run)" : "");
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(MigrationNames.orgMigrationId(request.sourceOrgId()))
        .setTaskQueue(MigrationNames.TASK_QUEUE)
        // Continue-as-new closes this run; the migrations must go on regardless.
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        // A running migration is never duplicated (the batch adopts it); a closed one may run
        // again:
        // after a dry run the real one must be able to start, and a repeat of a finished
        // migration only finds its source org gone and fails without touching anything.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(MigrationNames.SOURCE_ORG_ID, request.sourceOrgId())
                .set(MigrationNames.BATCH_ID, request.batchId())
                .set(MigrationNames.MIGRATION_STEP, Step.DISCOVER.name())
                .build())
        .setStaticSummary(summary)
        .setStaticDetails(MigrationTexts.staticDetails(request))
        .build();
  }

  /** The same-run backup for a child that closed without its final report. */
  private void onClosed(String sourceOrgId, MigrationReport report, RuntimeException failure) {
    if (failure == null) {
      ledger.record(fromReport(sourceOrgId, report), Workflow.currentTimeMillis());
      return;
    }
    Throwable cause = failure instanceof ChildWorkflowFailure ? failure.getCause() : failure;
    if (cause instanceof WorkflowExecutionAlreadyStarted) {
      log.info("{} already exists; the batch tracks that run", sourceOrgId);
      ledger.adopt(sourceOrgId);
    } else if (cause instanceof CanceledFailure) {
      ledger.closed(sourceOrgId, Step.CANCELLED, null);
    } else if (cause instanceof TerminatedFailure) {
      ledger.closed(sourceOrgId, Step.FAILED, "terminated: " + cause.getMessage());
    } else if (cause instanceof TimeoutFailure) {
      ledger.closed(sourceOrgId, Step.FAILED, "timed out");
    } else if (cause instanceof ApplicationFailure app) {
      ledger.closed(sourceOrgId, Step.FAILED, app.getType() + ": " + app.getOriginalMessage());
    } else {
      ledger.closed(sourceOrgId, Step.FAILED, String.valueOf(cause));
    }
  }

  private static ChildProgress fromReport(String sourceOrgId, MigrationReport report) {
    if (report == null) {
      return new ChildProgress(sourceOrgId, Step.COMPLETED, null, 0, 0, null, null, true);
    }
    return new ChildProgress(
        sourceOrgId,
        report.finalStep(),
        null,
        report.projectsInDestination() == null ? 0 : report.projectsInDestination().size(),
        report.blockers() == null ? 0 : report.blockers().size(),
        ChildProgress.summarizeApprovals(report.approvals()),
        report.error(),
        true);
  }

  /** Signals approve/reject to each org's run; answers which runs it reached. */
  BulkDecisionResult decide(BulkDecision decision, boolean approve, List<String> sourceOrgIds) {
    List<Promise<Delivery>> sends = new ArrayList<>();
    for (String id : sourceOrgIds) {
      Object payload =
          approve
              ? new Approval(decision.gate(), decision.approver(), decision.comment())
              : new Rejection(decision.gate(), decision.approver(), decision.comment());
      String signal = approve ? MigrationNames.SIGNAL_APPROVE : MigrationNames.SIGNAL_REJECT;
      sends.add(signalled(id, signal, payload));
    }
    Promise.allOf(sends).get();
    List<String> delivered = new ArrayList<>();
    List<String> undelivered = new ArrayList<>();
    for (int i = 0; i < sourceOrgIds.size(); i++) {
      boolean reached = sends.get(i).get() == Delivery.DELIVERED;
      (reached ? delivered : undelivered).add(sourceOrgIds.get(i));
    }
    return new BulkDecisionResult(decision.gate(), approve, delivered, undelivered);
  }

  /**
   * Checks silent runs are still open: a closed run cannot receive a signal, so an undeliverable
   * probe means the run ended without reporting. Returns a promise that never fails.
   */
  Promise<Void> probe(List<String> sourceOrgIds) {
    List<Promise<Delivery>> sends = new ArrayList<>();
    ProgressProbe probe = new ProgressProbe(MigrationNames.batchId(ledger.batchId()));
    for (String id : sourceOrgIds) {
      sends.add(
          signalled(id, BatchMigrationWorkflow.SIGNAL_PROGRESS_PROBE, probe)
              .thenApply(
                  delivery -> {
                    if (delivery == Delivery.DELIVERED) {
                      ledger.contacted(id, Workflow.currentTimeMillis());
                    } else if (delivery == Delivery.RUN_CLOSED) {
                      ledger.closedSilently(id);
                    }
                    return delivery;
                  }));
    }
    return Promise.allOf(sends);
  }

  /** Requests cancellation of each run and waits until Temporal has taken every request. */
  void cancel(List<String> sourceOrgIds) {
    List<Promise<Void>> requests = new ArrayList<>();
    for (String id : sourceOrgIds) {
      requests.add(
          Async.procedure(
                  () ->
                      Workflow.newUntypedExternalWorkflowStub(MigrationNames.orgMigrationId(id))
                          .cancel())
              .handle(
                  (ignored, failure) -> {
                    if (failure == null) {
                      ledger.noteCancelRequested(id);
                    }
                    return null;
                  }));
    }
    Promise.allOf(requests).get();
  }

  private enum Delivery {
    DELIVERED,
    /** Temporal refused the signal: the run is closed (or was never started). */
    RUN_CLOSED,
    /** Anything else, e.g. the batch is being cancelled; nothing is concluded from it. */
    UNKNOWN
  }

  private static Promise<Delivery> signalled(String sourceOrgId, String signal, Object payload) {
    return Async.function(
            () -> {
              Workflow.newUntypedExternalWorkflowStub(MigrationNames.orgMigrationId(sourceOrgId))
                  .signal(signal, payload);
              return Delivery.DELIVERED;
            })
        .handle(
            (delivered, failure) -> {
              if (failure == null) {
                return delivered;
              }
              if (ExternalSignals.targetClosed(failure)) {
                return Delivery.RUN_CLOSED;
              }
              log.warn("signal {} to {} failed: {}", signal, sourceOrgId, failure.toString());
              return Delivery.UNKNOWN;
            });
  }
}
