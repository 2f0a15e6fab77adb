package org.neonmigrate.sandbox.bench;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.neonmigrate.sandbox.neon.NeonModel.Membership;
import org.neonmigrate.sandbox.neon.NeonModel.Project;
import org.neonmigrate.sandbox.neon.NeonState;
import org.neonmigrate.sandbox.seed.MigrationExample;

/**
 * The fewest Neon API calls one org's migration needs, from the simulator's state before the run:
 *
 * <pre>
 *   2                 read the source and the destination org
 * + ceil(P/400)       list the source's projects
 * + P                 endpoints of each project (before)
 * + P                 collaborators of each project (before)
 * + ceil(Msrc/500)    members of the source org
 * + ceil(Mdst/500)    members of the destination org
 * + 1                 the destination's invitations
 * + 1                 the source org's API keys
 * + ceil(P/400)       transfer POSTs (400 projects each)
 * + (1 if anyone)     one invitation POST for every member to invite
 * + G                 one POST per collaborator grant
 * + ceil(P/400)       list the destination to verify
 * + P                 endpoints of each project (after)
 * + 1                 the source is empty
 * + ceil(Msrc/500)    the deletion interlock: the key still administers the source
 * + 1                 the deletion interlock: the source is still empty
 * </pre>
 */
public final class MinimumCalls {
  static final int PROJECT_PAGE = 400;
  static final int MEMBER_PAGE = 500;

  private MinimumCalls() {}

  /** The formula for one org. */
  public static int perOrg(
      int projects, int sourceMembers, int destMembers, int grants, boolean invite) {
    int projectPages = ceil(projects, PROJECT_PAGE);
    return 2
        + projectPages
        + projects
        + projects
        + ceil(sourceMembers, MEMBER_PAGE)
        + ceil(destMembers, MEMBER_PAGE)
        + 1
        + 1
        + projectPages
        + (invite ? 1 : 0)
        + grants
        + projectPages
        + projects
        + 1
        + ceil(sourceMembers, MEMBER_PAGE)
        + 1;
  }

  /** The formula applied to one seeded org as the simulator holds it now. */
  public static int perOrg(NeonState state, MigrationExample org) {
    List<Project> projects = state.projects(org.sourceOrgId());
    List<Membership> source = state.members(org.sourceOrgId());
    List<Membership> dest = state.members(org.destinationOrgId());
    Set<String> inDest = dest.stream().map(Membership::userId).collect(Collectors.toSet());
    boolean invite = source.stream().anyMatch(m -> !inDest.contains(m.userId()));
    int grants = projects.stream().mapToInt(p -> state.permissions(p.id()).size()).sum();
    return perOrg(projects.size(), source.size(), dest.size(), grants, invite);
  }

  /** The sum over every org: the whole batch's minimum. */
  public static long total(NeonState state, List<MigrationExample> orgs) {
    return orgs.stream().mapToLong(o -> perOrg(state, o)).sum();
  }

  private static int ceil(int n, int per) {
    return (n + per - 1) / per;
  }
}
