package org.neonmigrate.workflows.batch;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.neonmigrate.workflows.MigrationNames;

/**
 * Many {@code OrgMigration} children (ID {@code org-migration-<sourceOrgId>}) run through a sliding
 * window of {@code concurrency} slots; a child waiting for a human frees its slot. Children report
 * their progress by the {@link #childProgress} signal. Temporal cancellation stops new starts,
 * cancels the children that have not reached {@code DELETE_AZURE}, and ends the batch as cancelled.
 */
@WorkflowInterface
public interface BatchMigrationWorkflow {

  String SIGNAL_CHILD_PROGRESS = "childProgress";
  String SIGNAL_APPROVE_ALL = "approveAll";
  String SIGNAL_REJECT_ALL = "rejectAll";
  String SIGNAL_PAUSE = "pause";
  String SIGNAL_RESUME = "resume";
  String SIGNAL_PROGRESS_PROBE = "progressProbe";
  String UPDATE_ADD_MIGRATIONS = "addMigrations";
  String QUERY_PROGRESS = "progress";

  /** Returns when every expected org has arrived and its run has finished: one row per org. */
  @WorkflowMethod(name = MigrationNames.BATCH_MIGRATION_TYPE)
  BatchReport migrateAll(BatchRequest request);

  /** Sent by each child; see {@link ChildProgress} for when and what. */
  @SignalMethod(name = SIGNAL_CHILD_PROGRESS)
  void childProgress(ChildProgress progress);

  /** Signals {@code approve} to every child waiting at {@code decision.gate()} now. */
  // Bulk decisions are signals, not an update: an update handler that signals the children was seen
  // to replay out of order against child starts of the same workflow task (non-determinism that
  // stalls the batch); see BatchConcurrentDecisionsReplayTest.
  @SignalMethod(name = SIGNAL_APPROVE_ALL)
  void approveAll(BulkDecision decision);

  /** Signals {@code reject} (reason: the comment) to every child waiting at that gate now. */
  @SignalMethod(name = SIGNAL_REJECT_ALL)
  void rejectAll(BulkDecision decision);

  /**
   * Adds a page of migrations to a batch started with {@code expectedTotal} above its first page.
   * Idempotent by page number.
   */
  @UpdateMethod(name = UPDATE_ADD_MIGRATIONS)
  BatchPageAck addMigrations(BatchPage page);

  /** Refuses bad pages before they reach the history; see {@link BatchPage}. */
  @UpdateValidatorMethod(updateName = UPDATE_ADD_MIGRATIONS)
  void validateAddMigrations(BatchPage page);

  /** Stops new starts; running children go on. */
  @SignalMethod(name = SIGNAL_PAUSE)
  void pause(BatchControl control);

  /** Allows new starts again. */
  @SignalMethod(name = SIGNAL_RESUME)
  void resume(BatchControl control);

  @QueryMethod(name = QUERY_PROGRESS)
  BatchProgress progress();

  /** The report as it stands; on a closed batch, as it ended. */
  @QueryMethod(name = MigrationNames.QUERY_REPORT)
  BatchReport report();
}
