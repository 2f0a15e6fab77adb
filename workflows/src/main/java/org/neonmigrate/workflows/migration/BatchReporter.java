package org.neonmigrate.workflows.migration;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflow;
import org.neonmigrate.workflows.batch.ChildProgress;
import org.neonmigrate.workflows.batch.ExternalSignals;
import org.slf4j.Logger;

/**
 * Tells the batch that started this run (if any) how it progresses, by the {@code childProgress}
 * signal. Signals are chained so they arrive in order without holding up the migration; one the
 * batch cannot receive is logged and dropped, never a reason to fail the migration.
 */
final class BatchReporter {
  private static final Logger log = Workflow.getLogger(BatchReporter.class);

  private final BatchMigrationWorkflow batch;
  private Promise<Void> last;

  private BatchReporter(BatchMigrationWorkflow batch) {
    this.batch = batch;
  }

  static BatchReporter forRequest(MigrationRequest request) {
    boolean inBatch = request != null && request.batchId() != null && !request.batchId().isBlank();
    return new BatchReporter(
        inBatch
            ? Workflow.newExternalWorkflowStub(
                BatchMigrationWorkflow.class, MigrationNames.batchId(request.batchId()))
            : null);
  }

  void report(MigrationStatus status, boolean finished) {
    if (batch == null) {
      return;
    }
    ChildProgress progress = ChildProgress.of(status, finished);
    Promise<Void> previous = last;
    last = previous == null ? send(progress) : previous.thenCompose(ignored -> send(progress));
  }

  /**
   * Sends the last report, marked finished, after all earlier ones, from the caller's cancellation
   * scope (a detached one after a cancel, so the batch still hears of it), and waits for it.
   */
  void finish(MigrationStatus status) {
    if (batch == null) {
      return;
    }
    if (last != null) {
      last.get();
    }
    last = null;
    send(ChildProgress.of(status, true)).get();
  }

  private Promise<Void> send(ChildProgress progress) {
    return Async.procedure(batch::childProgress, progress)
        .handle(
            (ignored, failure) -> {
              if (failure != null) {
                log.warn(
                    "progress report to batch not delivered ({}): {}",
                    ExternalSignals.targetClosed(failure) ? "batch closed" : "failed",
                    failure.getMessage());
              }
              return null;
            });
  }
}
