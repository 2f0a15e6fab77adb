package org.neonmigrate.workflows.migration;

import java.util.List;
import javax.annotation.Nullable;

/**
 * The result of {@code OrgMigration}: what moved, who approved what and when, and what still needs
 * a human. On cancellation it says where every project is.
 *
 * @param projectsInDestination ids of inventoried projects known to be in the destination
 * @param projectsInSource ids of inventoried projects still in the source (non-empty only when the
 *     run stopped before the move finished)
 * @param azureResourceDeleted true when ARM confirmed the deletion (or the resource was already
 *     gone)
 * @param azureDeletion what is known of the ARM DELETE (OUTCOME_UNKNOWN: look in Azure)
 */
public record MigrationReport(
    String sourceOrgId,
    String destinationOrgId,
    Step finalStep,
    boolean dryRun,
    @Nullable MigrationPlan plan,
    List<String> projectsInDestination,
    List<String> projectsInSource,
    List<BlockedProject> blockers,
    int membersInvited,
    int collaboratorsGranted,
    List<String> replacementApiKeys,
    boolean azureResourceDeleted,
    List<ApprovalRecord> approvals,
    List<String> actionsForHumans,
    @Nullable String error,
    AzureDeletionState azureDeletion) {}
