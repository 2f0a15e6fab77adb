package org.neonmigrate.workflows.fleet;

import java.util.List;
import org.neonmigrate.workflows.migration.BlockedProject;

/**
 * What a migration plan needs of one org.
 *
 * @param destinationPlanSufficient null when it cannot be told
 * @param planNote why the destination plan is too low, or null
 */
public record OrgFacts(
    String orgId,
    int projects,
    int members,
    List<BlockedProject> blockers,
    Boolean destinationPlanSufficient,
    String planNote) {}
