package org.neonmigrate.workflows.fleet;

import java.util.List;

/** The orgs to read, each with the plans to compare. */
public record OrgFactsInput(List<Wanted> orgs) {

  /**
   * @param destinationPlan null when there is no destination or its plan is not known
   */
  public record Wanted(
      String orgId, String plan, String destinationOrgId, String destinationPlan) {}
}
