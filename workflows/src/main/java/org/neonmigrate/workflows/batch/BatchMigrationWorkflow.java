package org.neonmigrate.workflows.batch;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.neonmigrate.workflows.MigrationNames;

/**
 * A batch (ID {@code batch-<batchId>}): runs its waves ({@code BatchWave}, ID {@code
 * batch-<batchId>-wave-<n>}) one after the other within one window of {@code concurrency} working
 * runs. How: {@link BatchMigrationWorkflowImpl}. Temporal cancellation cancels the waves, which
 * cancel their runs that have not reached {@code DELETE_AZURE}.
 */
@WorkflowInterface
public interface BatchMigrationWorkflow {

  String SIGNAL_WAVE_PROGRESS = "waveProgress";
  String SIGNAL_APPROVE_ALL = "approveAll";
  String SIGNAL_REJECT_ALL = "rejectAll";
  String SIGNAL_PAUSE = "pause";
  String SIGNAL_RESUME = "resume";
  String QUERY_PROGRESS = "progress";

  /** Returns when every wave has reported that all its runs finished. */
  @WorkflowMethod(name = MigrationNames.BATCH_MIGRATION_TYPE)
  BatchReport migrateAll(BatchRequest request);

  /** Sent by each wave; see {@link WaveProgress} for when. */
  @SignalMethod(name = SIGNAL_WAVE_PROGRESS)
  void waveProgress(WaveProgress progress);

  /** Relays {@code approve} to every run of the batch waiting at {@code decision.gate()} now. */
  @SignalMethod(name = SIGNAL_APPROVE_ALL)
  void approveAll(BulkDecision decision);

  /** Relays {@code reject} (reason: the comment) to every run waiting at that gate now. */
  @SignalMethod(name = SIGNAL_REJECT_ALL)
  void rejectAll(BulkDecision decision);

  /** Stops new starts; running runs go on. */
  @SignalMethod(name = SIGNAL_PAUSE)
  void pause(BatchControl control);

  /** Allows new starts again. */
  @SignalMethod(name = SIGNAL_RESUME)
  void resume(BatchControl control);

  @QueryMethod(name = QUERY_PROGRESS)
  BatchProgress progress();

  /** The counts as they stand and where each wave's rows are; on a closed batch, as it ended. */
  @QueryMethod(name = MigrationNames.QUERY_REPORT)
  BatchReport report();
}
