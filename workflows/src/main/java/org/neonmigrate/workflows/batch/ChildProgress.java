package org.neonmigrate.workflows.batch;

import java.util.List;
import java.util.stream.Collectors;
import org.neonmigrate.workflows.migration.ApprovalRecord;
import org.neonmigrate.workflows.migration.MigrationStatus;
import org.neonmigrate.workflows.migration.Step;

/**
 * Payload of the {@code childProgress} signal: what an {@code OrgMigration} started by a batch
 * tells its batch, so the batch knows every child's progress without querying thousands of runs.
 *
 * <p><b>The contract for {@code OrgMigration}.</b> When {@code request.batchId()} is not null, the
 * run signals {@code childProgress} to the workflow {@code MigrationNames.batchId(batchId)} (no run
 * id, so it reaches the batch's current run across continue-as-new):
 *
 * <ol>
 *   <li>on every step change, including entering and leaving a gate ({@code awaitingGate} set when
 *       it starts waiting, null again once decided);
 *   <li>once more at its very end, with {@code finished = true}, whatever the outcome: completed,
 *       failed (with {@code error}), rejected or cancelled (sent from a detached cancellation scope
 *       so a cancelled run still reports). Nothing is sent after it.
 * </ol>
 *
 * <p>Send the signals one after the other (wait for each), so they arrive in order. A signal that
 * cannot be delivered (the batch was cancelled or terminated; {@link ExternalSignals#targetClosed}
 * tells) must be logged and ignored, never fail the migration. {@link #of(MigrationStatus,
 * boolean)} builds the payload from the {@code status} query's value.
 *
 * <p>The batch frees a child's concurrency slot while it waits at a gate and for good once it
 * reports {@code finished}. A run that closes without the final report is still noticed: by its
 * child promise in the batch run that started it, otherwise by a {@link ProgressProbe} that cannot
 * be delivered.
 *
 * @param sourceOrgId the child's source org (its workflow id is {@code org-migration-<this>})
 * @param step the step the run is in now; on the final report its final step
 * @param awaitingGate null, or the wire name of the gate the run waits at for a human
 * @param projectsMoved projects transferred to the destination so far
 * @param blockers projects held back by integrations
 * @param approvals one line, e.g. {@code "azure-deletion alice@example.com 2025-06-01T10:00:00Z"},
 *     see {@link #summarizeApprovals}; no comments (the child's own report has them)
 * @param error null, or why the run failed, in one line
 * @param finished true only on the last signal of the run
 */
public record ChildProgress(
    String sourceOrgId,
    Step step,
    String awaitingGate,
    int projectsMoved,
    int blockers,
    String approvals,
    String error,
    boolean finished) {

  /** The progress signal for a run whose {@code status} query answers {@code status}. */
  public static ChildProgress of(MigrationStatus status, boolean finished) {
    int moved = status.projects() == null ? 0 : status.projects().transferred();
    int blocked = status.projects() == null ? 0 : status.projects().blocked();
    return new ChildProgress(
        status.sourceOrgId(),
        status.step(),
        status.awaitingGate(),
        moved,
        blocked,
        summarizeApprovals(status.approvals()),
        status.error(),
        finished);
  }

  /** {@code "<gate> <approver> <at>"} per decision, rejections marked, joined by {@code "; "}. */
  public static String summarizeApprovals(List<ApprovalRecord> approvals) {
    if (approvals == null || approvals.isEmpty()) {
      return null;
    }
    return approvals.stream()
        .map(a -> a.gate() + (a.approved() ? " " : " rejected-by ") + a.approver() + " " + a.at())
        .collect(Collectors.joining("; "));
  }
}
