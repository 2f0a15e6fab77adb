package org.neonmigrate.workflows.fleet;

/**
 * Where a running plan is.
 *
 * @param phase LISTING_AZURE, LISTING_NEON, READING_ORGS or DONE
 */
public record FleetPlanProgress(
    String phase, int azureResourcesListed, int orgsToRead, int orgsRead) {}
