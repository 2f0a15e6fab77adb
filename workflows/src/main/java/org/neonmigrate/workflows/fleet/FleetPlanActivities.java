package org.neonmigrate.workflows.fleet;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The reads a fleet plan makes, of ARM and of Neon. Nothing is changed, so all may be retried. */
@ActivityInterface
public interface FleetPlanActivities {

  /**
   * One page of a subscription's {@code Neon.Postgres/organizations}. Fails with {@link
   * FleetPlanFailure} on 401/403, an unknown subscription, or a next link to another host.
   */
  @ActivityMethod
  AzureOrgPage listAzureOrganizations(AzureOrgPageInput input);

  @ActivityMethod
  NeonOrgList listNeonOrganizations(NeonOrgListInput input);

  /** Projects (every page), members and blockers of each org, and whether the plans suffice. */
  @ActivityMethod
  OrgFactsList readOrgFacts(OrgFactsInput input);
}
