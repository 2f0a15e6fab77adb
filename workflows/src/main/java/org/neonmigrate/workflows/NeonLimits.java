package org.neonmigrate.workflows;

/**
 * Neon API v2's documented limits, in one place for the workflows, the activities and the sandbox's
 * simulator. The workflows chunk and page by them, so a change alters the commands of running
 * workflows: guard it with {@code Workflow.getVersion}.
 */
public final class NeonLimits {

  /** Most projects one {@code GET /projects} page returns ({@code limit} 1..400). */
  public static final int PROJECTS_PER_PAGE = 400;

  /** Most project ids one {@code POST /organizations/{src}/projects/transfer} accepts. */
  public static final int PROJECTS_PER_TRANSFER = 400;

  /** Most members one {@code GET /organizations/{org}/members} page returns. */
  public static final int MEMBERS_PER_PAGE = 500;

  /** Requests per rolling minute for one account (API key). */
  public static final int REQUESTS_PER_MINUTE = 700;

  /** Requests per second for one account on one route (the burst limit). */
  public static final int REQUESTS_PER_ROUTE_PER_SECOND = 40;

  private NeonLimits() {}
}
