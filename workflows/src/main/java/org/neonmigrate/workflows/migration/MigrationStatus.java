package org.neonmigrate.workflows.migration;

import java.util.List;
import javax.annotation.Nullable;

/**
 * Result of the {@code status} query. Small on purpose: counts, not project lists (except blockers,
 * which a human has to act on).
 *
 * @param awaitingGate null, or the wire name of the gate the run waits at
 * @param awaitingReason why the run waits there, in words an operator can act on
 * @param azureResource how DISCOVER proved the Azure resource is the source org's; null before
 * @param azureDeletion what is known of the ARM DELETE
 * @param refusedDecisions decisions the run refused, e.g. a self-approval of the deletion
 */
public record MigrationStatus(
    String sourceOrgId,
    String destinationOrgId,
    Step step,
    @Nullable String awaitingGate,
    @Nullable String awaitingReason,
    ProjectCounts projects,
    List<BlockedProject> blockers,
    List<ApprovalRecord> approvals,
    boolean dryRun,
    @Nullable String error,
    @Nullable String azureResource,
    AzureDeletionState azureDeletion,
    List<RefusedDecision> refusedDecisions) {}
