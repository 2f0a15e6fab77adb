package org.neonmigrate.workflows.activities;

import org.neonmigrate.workflows.migration.OrgSummary;

/**
 * @param planUpgradeNeeded the destination plan ranks below the source's
 * @param planUpgradeReason e.g. "destination plan free is below source plan scale"; null if none
 */
public record OrgCheck(
    OrgSummary source,
    OrgSummary destination,
    boolean planUpgradeNeeded,
    String planUpgradeReason) {}
