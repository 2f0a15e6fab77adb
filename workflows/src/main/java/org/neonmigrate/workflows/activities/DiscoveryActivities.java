package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Read-only calls that inventory the two orgs. Safe to retry at will. */
@ActivityInterface
public interface DiscoveryActivities {

  /**
   * Reads both orgs and the API key's kind; fails with {@link MigrationFailure} when the source is
   * Neon-managed, the destination is not, an org is unknown, or the key is not a personal key. With
   * {@code withAccess}, a check that passes also carries the {@link #inventoryAccess} result.
   */
  @ActivityMethod
  OrgCheck checkOrganizations(OrgCheckInput input);

  /**
   * One page (at most 400) of the org's projects, each with its integrations, a digest of its
   * endpoint hosts, and its collaborators. The workflow pages so that no single result is huge.
   */
  @ActivityMethod
  ProjectPage inventoryProjects(ProjectPageInput input);

  /** Source members to re-invite, and the source's org-wide API keys (names and ids only). */
  @ActivityMethod
  AccessInventory inventoryAccess(AccessInventoryInput input);
}
