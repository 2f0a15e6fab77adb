package org.neonmigrate.workflows.activities;

/**
 * @param withAccess also inventory access (as {@code inventoryAccess} does) once the orgs pass the
 *     check, saving the run an activity; null or false: the check alone
 */
public record OrgCheckInput(String sourceOrgId, String destinationOrgId, Boolean withAccess) {

  public OrgCheckInput(String sourceOrgId, String destinationOrgId) {
    this(sourceOrgId, destinationOrgId, null);
  }
}
