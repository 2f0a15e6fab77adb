package org.neonmigrate.workflows.fleet;

import java.util.List;
import org.neonmigrate.workflows.migration.BlockedProject;

/**
 * One Azure-managed org, paired with its Azure resource: a migration of a batch once it has a
 * destination.
 *
 * @param destinationOrgId empty when the rule gives none (rule none, or a name the mapping lacks)
 * @param destinationPlan null when there is no destination or the key cannot see it
 * @param destinationPlanSufficient null when it cannot be told (no destination, a plan not known)
 * @param blockers projects whose integrations block a transfer until removed
 * @param notes what a reviewer should know about the row, in words
 */
public record FleetPlanRow(
    String sourceOrgId,
    String sourceOrgName,
    String destinationOrgId,
    String subscriptionId,
    String resourceGroup,
    String resourceName,
    int projects,
    int members,
    String plan,
    String destinationPlan,
    Boolean destinationPlanSufficient,
    List<BlockedProject> blockers,
    boolean dryRun,
    List<String> notes) {}
