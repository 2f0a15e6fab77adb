package org.neonmigrate.workflows.batch;

import java.util.List;
import java.util.stream.Collectors;
import org.neonmigrate.workflows.migration.ApprovalRecord;
import org.neonmigrate.workflows.migration.MigrationStatus;
import org.neonmigrate.workflows.migration.Step;

/**
 * Payload of the {@code childProgress} signal: what an {@code OrgMigration} started by a wave tells
 * the wave (its parent), so the wave knows which runs wait for a human without querying them.
 *
 * <p><b>The contract for {@code OrgMigration}.</b> A run whose parent is a wave (its workflow id
 * {@code batch-<batchId>-wave-<n>}) signals it when it starts waiting at a gate ({@code
 * awaitingGate} set) and when it goes on after a decision ({@code awaitingGate} null). Nothing
 * else: the wave learns of the run's end from its child promise. A signal that cannot be delivered
 * is logged and ignored, never a reason to fail the migration. {@link #of(MigrationStatus,
 * boolean)} builds the payload from the {@code status} query's value.
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
