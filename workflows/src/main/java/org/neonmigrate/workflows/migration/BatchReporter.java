package org.neonmigrate.workflows.migration;

import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.BatchWaveWorkflow;
import org.neonmigrate.workflows.batch.ChildProgress;
import org.neonmigrate.workflows.batch.ExternalSignals;
import org.slf4j.Logger;

/**
 * Tells the wave that started this run (its parent) when the run starts and stops waiting for a
 * human, by the {@code childProgress} signal; see {@link ChildProgress}. Each signal costs the run
 * two history events, so nothing else is sent: the wave learns of the end from its child promise.
 * Signals are chained so they arrive in order without holding up the migration; one the wave cannot
 * receive is logged and dropped, never a reason to fail the migration.
 *
 * <p>A run started by a batch before batches had waves reports as it always did (its history must
 * replay): to {@code batch-<batchId>}, on the long steps, gates and its end.
 */
final class BatchReporter {
  private static final Logger log = Workflow.getLogger(BatchReporter.class);

  /** The steps reported by runs of a batch without waves. */
  private static final Set<Step> STEPS_REPORTED_BEFORE_WAVES =
      EnumSet.of(Step.DISCOVER, Step.TRANSFER, Step.DELETE_AZURE);

  private enum Target {
    NONE,
    WAVE,
    BATCH_BEFORE_WAVES
  }

  private final Target target;
  private final String workflowId;
  private Promise<Void> last;

  private BatchReporter(Target target, String workflowId) {
    this.target = target;
    this.workflowId = workflowId;
  }

  static BatchReporter forRequest(MigrationRequest request) {
    Optional<String> parent = Workflow.getInfo().getParentWorkflowId();
    if (parent.isPresent() && MigrationNames.isBatchWaveId(parent.get())) {
      return new BatchReporter(Target.WAVE, parent.get());
    }
    boolean inBatch = request != null && request.batchId() != null && !request.batchId().isBlank();
    return inBatch
        ? new BatchReporter(Target.BATCH_BEFORE_WAVES, MigrationNames.batchId(request.batchId()))
        : new BatchReporter(Target.NONE, null);
  }

  void stepEntered(Step step, MigrationStatus status) {
    if (target == Target.BATCH_BEFORE_WAVES && STEPS_REPORTED_BEFORE_WAVES.contains(step)) {
      send(ChildProgress.of(status, false));
    }
  }

  void gateOpened(MigrationStatus status) {
    if (target != Target.NONE) {
      send(ChildProgress.of(status, false));
    }
  }

  /** The run took a decision and goes on (not: it failed or was cancelled at the gate). */
  void gateLeft(MigrationStatus status) {
    if (target == Target.WAVE) {
      send(ChildProgress.of(status, false));
    }
  }

  /**
   * At the run's end: waits for the reports sent so far; a run of a batch without waves then sends
   * its last one, marked finished, from the caller's cancellation scope (a detached one after a
   * cancel, so the batch still hears of it).
   */
  void finish(MigrationStatus status) {
    if (target == Target.NONE) {
      return;
    }
    if (last != null) {
      last.get();
    }
    last = null;
    if (target == Target.BATCH_BEFORE_WAVES) {
      signal(ChildProgress.of(status, true)).get();
    }
  }

  private void send(ChildProgress progress) {
    Promise<Void> previous = last;
    last = previous == null ? signal(progress) : previous.thenCompose(ignored -> signal(progress));
  }

  private Promise<Void> signal(ChildProgress progress) {
    // An external stub's method reference sends at once, without a thread of its own: the order
    // of commands runs of batches without waves recorded
    Promise<Void> sent =
        ExternalSignals.signal(workflowId, BatchWaveWorkflow.SIGNAL_CHILD_PROGRESS, progress);
    return sent.handle(
        (ignored, failure) -> {
          if (failure != null) {
            log.warn(
                "progress report to {} not delivered ({}): {}",
                workflowId,
                ExternalSignals.targetClosed(failure) ? "closed" : "failed",
                failure.getMessage());
          }
          return null;
        });
  }
}
