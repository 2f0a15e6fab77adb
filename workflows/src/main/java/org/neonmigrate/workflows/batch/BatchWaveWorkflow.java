package org.neonmigrate.workflows.batch;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.neonmigrate.workflows.MigrationNames;

/**
 * One wave of a batch (ID {@code batch-<batchId>-wave-<n>}): starts its rows as {@code
 * OrgMigration} children, as many at once as the batch's {@code window} allows, and keeps one row
 * per org. See {@link BatchMigrationWorkflowImpl} for how waves and the batch work together.
 */
@WorkflowInterface
public interface BatchWaveWorkflow {

  String SIGNAL_CHILD_PROGRESS = "childProgress";
  String SIGNAL_WINDOW = "window";

  /** Returns when every row of the wave has finished. */
  @WorkflowMethod(name = MigrationNames.BATCH_WAVE_TYPE)
  WaveReport run(WaveRequest request);

  /** Sent by each child when it starts and stops waiting at a gate; see {@link ChildProgress}. */
  @SignalMethod(name = SIGNAL_CHILD_PROGRESS)
  void childProgress(ChildProgress progress);

  /** Sent by the batch: how many of this wave's runs may work at once from now on. */
  @SignalMethod(name = SIGNAL_WINDOW)
  void window(int slots);

  /** Relays {@code approve} to every run of this wave waiting at {@code decision.gate()} now. */
  @SignalMethod(name = BatchMigrationWorkflow.SIGNAL_APPROVE_ALL)
  void approveAll(BulkDecision decision);

  /** Relays {@code reject} (reason: the comment) to every run waiting at that gate now. */
  @SignalMethod(name = BatchMigrationWorkflow.SIGNAL_REJECT_ALL)
  void rejectAll(BulkDecision decision);

  @QueryMethod(name = MigrationNames.QUERY_REPORT)
  WaveReport report();
}
