package org.neonmigrate.workflows.fleet;

import java.util.List;

/**
 * The orgs are those of the worker's Neon key: every externally managed one, and of the
 * Neon-managed ones only those named here (destinations, orgs the resources name), so that the
 * answer grows with the fleet, not with every org the key's user belongs to.
 *
 * @param neonManagedWanted ids of Neon-managed orgs to answer too
 */
public record NeonOrgListInput(List<String> neonManagedWanted) {}
