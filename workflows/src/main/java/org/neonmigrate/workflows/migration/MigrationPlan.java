package org.neonmigrate.workflows.migration;

import java.util.List;
import javax.annotation.Nullable;
import org.neonmigrate.workflows.activities.AzureBinding;

/**
 * What a migration will do; the whole result of a dry run.
 *
 * @param projectsToMove projects that can be transferred as they are
 * @param blockers projects held back by integrations
 * @param membersToInvite non-admin members of the source missing from the destination
 * @param collaboratorGrants project collaborators to re-grant after the transfer
 * @param orgApiKeysToReplace names of the source's org-wide API keys (no secrets)
 * @param planUpgradeNeeded the destination plan is below the source's
 * @param transferChunks how many transfer calls (at most 400 projects each) the move takes
 * @param azureResource how the Azure resource was proven to be the source org's
 */
public record MigrationPlan(
    OrgSummary source,
    OrgSummary destination,
    int projectsToMove,
    List<BlockedProject> blockers,
    List<MemberInvite> membersToInvite,
    int collaboratorGrants,
    List<String> orgApiKeysToReplace,
    boolean replaceOrgApiKeys,
    boolean planUpgradeNeeded,
    @Nullable String planUpgradeReason,
    int transferChunks,
    List<String> notes,
    @Nullable AzureBinding azureResource) {}
