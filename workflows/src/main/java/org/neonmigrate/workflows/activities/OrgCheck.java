package org.neonmigrate.workflows.activities;

import org.neonmigrate.workflows.migration.OrgSummary;

/**
 * @param planUpgradeNeeded the destination plan ranks below the source's
 * @param planUpgradeReason e.g. "destination plan free is below source plan scale"; null if none
 * @param access the access inventory when it was asked for and the orgs passed the check; null
 *     otherwise (also from a worker that predates it: then the workflow asks for it on its own)
 */
public record OrgCheck(
    OrgSummary source,
    OrgSummary destination,
    boolean planUpgradeNeeded,
    String planUpgradeReason,
    AccessInventory access) {

  public OrgCheck(
      OrgSummary source,
      OrgSummary destination,
      boolean planUpgradeNeeded,
      String planUpgradeReason) {
    this(source, destination, planUpgradeNeeded, planUpgradeReason, null);
  }

  public OrgCheck withAccess(AccessInventory inventory) {
    return new OrgCheck(source, destination, planUpgradeNeeded, planUpgradeReason, inventory);
  }
}
