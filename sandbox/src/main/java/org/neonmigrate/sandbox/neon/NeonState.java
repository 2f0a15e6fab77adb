package org.neonmigrate.sandbox.neon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.neonmigrate.sandbox.neon.NeonModel.ApiKey;
import org.neonmigrate.sandbox.neon.NeonModel.Endpoint;
import org.neonmigrate.sandbox.neon.NeonModel.Invitation;
import org.neonmigrate.sandbox.neon.NeonModel.Membership;
import org.neonmigrate.sandbox.neon.NeonModel.Org;
import org.neonmigrate.sandbox.neon.NeonModel.Permission;
import org.neonmigrate.sandbox.neon.NeonModel.Project;
import org.neonmigrate.sandbox.neon.NeonModel.User;

/**
 * The in-memory Neon account world. Every method holds the one lock, so a transfer is atomic with
 * respect to every read (all-or-nothing, as Neon's synchronous transfer is). A transfer given time
 * to settle moves its projects all at once when that time is up (applied by the first call after
 * it); until then they stay where they were and are locked against another transfer.
 */
public final class NeonState {
  private final Map<String, Org> orgs = new LinkedHashMap<>();
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Project> projects = new TreeMap<>();
  private final Map<String, List<Endpoint>> endpoints = new HashMap<>();
  private final Map<String, List<Membership>> members = new HashMap<>();
  private final Map<String, List<Invitation>> invitations = new HashMap<>();
  private final Map<String, List<Permission>> permissions = new HashMap<>();
  private final Map<Long, ApiKey> apiKeys = new TreeMap<>();
  private final AtomicLong keyIds = new AtomicLong(100_000);
  private final List<PendingMove> moving = new ArrayList<>();
  private volatile PlanCatalog plans = PlanCatalog.defaults();

  /** An accepted transfer whose projects move to {@code destinationOrgId} at {@code dueNanos}. */
  private record PendingMove(List<String> projectIds, String destinationOrgId, long dueNanos) {}

  public static String now() {
    return Instant.now().toString();
  }

  public synchronized void clear() {
    orgs.clear();
    users.clear();
    projects.clear();
    endpoints.clear();
    members.clear();
    invitations.clear();
    permissions.clear();
    apiKeys.clear();
    moving.clear();
  }

  public PlanCatalog plans() {
    return plans;
  }

  public void setPlans(PlanCatalog catalog) {
    this.plans = catalog;
  }

  // ---- writes used by seeding and the admin API

  public synchronized void putUser(User user) {
    users.put(user.id(), user);
  }

  public synchronized void putOrg(Org org) {
    orgs.put(org.id(), org);
  }

  public synchronized void putProject(Project project, List<Endpoint> projectEndpoints) {
    settleDueMoves();
    projects.put(project.id(), project);
    endpoints.put(project.id(), new ArrayList<>(projectEndpoints));
  }

  public synchronized void putMember(Membership membership) {
    members.computeIfAbsent(membership.orgId(), k -> new ArrayList<>()).add(membership);
  }

  public synchronized void putInvitation(Invitation invitation) {
    invitations.computeIfAbsent(invitation.orgId(), k -> new ArrayList<>()).add(invitation);
  }

  public synchronized void putPermission(Permission permission) {
    settleDueMoves();
    permissions.computeIfAbsent(permission.projectId(), k -> new ArrayList<>()).add(permission);
  }

  public synchronized ApiKey newApiKey(
      String token, String name, String orgId, String userId, String projectId) {
    ApiKey key =
        new ApiKey(keyIds.incrementAndGet(), token, name, orgId, userId, projectId, now(), false);
    apiKeys.put(key.id(), key);
    return key;
  }

  public synchronized Optional<Org> setPlan(String orgId, String plan) {
    Org org = orgs.get(orgId);
    if (org == null) {
      return Optional.empty();
    }
    Org updated = org.withPlan(plan, now());
    orgs.put(orgId, updated);
    return Optional.of(updated);
  }

  public synchronized Optional<Project> setIntegrations(String projectId, List<String> names) {
    settleDueMoves();
    Project project = projects.get(projectId);
    if (project == null) {
      return Optional.empty();
    }
    Project updated = project.withIntegrations(names);
    projects.put(projectId, updated);
    return Optional.of(updated);
  }

  /**
   * Deletes an org with everything in it, as deleting its Azure resource does.
   *
   * @return the number of projects that were still in the org (and are now gone)
   */
  public synchronized int deleteOrg(String orgId) {
    settleDueMoves();
    List<String> doomed = projectIds(orgId);
    for (String id : doomed) {
      projects.remove(id);
      endpoints.remove(id);
      permissions.remove(id);
    }
    orgs.remove(orgId);
    members.remove(orgId);
    invitations.remove(orgId);
    apiKeys.replaceAll((id, key) -> orgId.equals(key.orgId()) ? key.revoke() : key);
    return doomed.size();
  }

  // ---- reads

  public synchronized List<Org> orgs() {
    return List.copyOf(orgs.values());
  }

  public synchronized Optional<Org> org(String id) {
    return Optional.ofNullable(orgs.get(id));
  }

  public synchronized List<User> users() {
    return List.copyOf(users.values());
  }

  public synchronized Optional<User> user(String id) {
    return Optional.ofNullable(users.get(id));
  }

  public synchronized Optional<User> userByEmail(String email) {
    return users.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst();
  }

  public synchronized Optional<Project> project(String id) {
    settleDueMoves();
    return Optional.ofNullable(projects.get(id));
  }

  /** An org's projects ordered by id, the order cursors walk in. */
  public synchronized List<Project> projects(String orgId) {
    settleDueMoves();
    return projects.values().stream().filter(p -> p.orgId().equals(orgId)).toList();
  }

  public synchronized List<String> projectIds(String orgId) {
    return projects(orgId).stream().map(Project::id).toList();
  }

  public synchronized int projectCount(String orgId) {
    settleDueMoves();
    return (int) projects.values().stream().filter(p -> p.orgId().equals(orgId)).count();
  }

  public synchronized List<Endpoint> endpoints(String projectId) {
    return List.copyOf(endpoints.getOrDefault(projectId, List.of()));
  }

  public synchronized List<Membership> members(String orgId) {
    return List.copyOf(members.getOrDefault(orgId, List.of()));
  }

  /** Changes a member's role; throws when the user is not a member of the org. */
  public synchronized void setRole(String orgId, String userId, String role) {
    List<Membership> list = members.getOrDefault(orgId, new ArrayList<>());
    for (int i = 0; i < list.size(); i++) {
      Membership m = list.get(i);
      if (m.userId().equals(userId)) {
        list.set(i, new Membership(m.id(), m.userId(), m.orgId(), role, m.joinedAt()));
        return;
      }
    }
    throw new IllegalArgumentException(userId + " is not a member of " + orgId);
  }

  public synchronized Optional<Membership> membership(String orgId, String userId) {
    return members.getOrDefault(orgId, List.of()).stream()
        .filter(m -> m.userId().equals(userId))
        .findFirst();
  }

  /** Orgs the user belongs to, in creation order. */
  public synchronized List<Org> orgsOf(String userId) {
    return orgs.values().stream().filter(o -> membership(o.id(), userId).isPresent()).toList();
  }

  public synchronized List<Invitation> invitations(String orgId) {
    return List.copyOf(invitations.getOrDefault(orgId, List.of()));
  }

  public synchronized List<Permission> permissions(String projectId) {
    settleDueMoves();
    return List.copyOf(permissions.getOrDefault(projectId, List.of()));
  }

  public synchronized Optional<ApiKey> keyByToken(String token) {
    return apiKeys.values().stream().filter(k -> k.token().equals(token)).findFirst();
  }

  /** The org's keys, revoked ones included; callers filter. */
  public synchronized List<ApiKey> orgKeys(String orgId) {
    return apiKeys.values().stream().filter(k -> orgId.equals(k.orgId())).toList();
  }

  public synchronized Optional<ApiKey> revokeOrgKey(String orgId, long keyId) {
    ApiKey key = apiKeys.get(keyId);
    if (key == null || !orgId.equals(key.orgId()) || key.revoked()) {
      return Optional.empty();
    }
    ApiKey revoked = key.revoke();
    apiKeys.put(keyId, revoked);
    return Optional.of(revoked);
  }

  // ---- the transfer

  /**
   * Moves the projects from source to destination if every rule passes, else changes nothing.
   * Endpoints (and their hosts) stay as they are; project collaborators are dropped.
   */
  public synchronized TransferOutcome transfer(
      String sourceOrgId, String destinationOrgId, List<String> projectIds) {
    return transfer(sourceOrgId, destinationOrgId, projectIds, 0);
  }

  /**
   * Like {@link #transfer(String, String, List)}, but an accepted transfer moves its projects only
   * {@code settleMs} later; until then a transfer naming any of them answers {@link
   * TransferOutcome.Locked}.
   */
  public synchronized TransferOutcome transfer(
      String sourceOrgId, String destinationOrgId, List<String> projectIds, long settleMs) {
    settleDueMoves();
    List<String> distinct = projectIds.stream().distinct().toList();
    List<String> locked =
        distinct.stream()
            .filter(id -> moving.stream().anyMatch(m -> m.projectIds().contains(id)))
            .toList();
    if (!locked.isEmpty()) {
      return new TransferOutcome.Locked(locked);
    }
    List<String> missing =
        distinct.stream()
            .filter(
                id -> !projects.containsKey(id) || !projects.get(id).orgId().equals(sourceOrgId))
            .toList();
    if (!missing.isEmpty()) {
      return new TransferOutcome.ProjectsNotInSource(missing);
    }
    Org source = orgs.get(sourceOrgId);
    Org destination = orgs.get(destinationOrgId);
    List<TransferOutcome.Limit> limits = new ArrayList<>();
    PlanCatalog catalog = plans;
    if (catalog.rank(destination.plan()) < catalog.rank(source.plan())) {
      limits.add(new TransferOutcome.Limit("subscription_type", source.plan(), destination.plan()));
    }
    int after = projectCount(destinationOrgId) + movingInto(destinationOrgId) + distinct.size();
    int max = catalog.maxProjects(destination.plan());
    if (after > max) {
      limits.add(
          new TransferOutcome.Limit(
              "projects_count", Integer.toString(max), Integer.toString(after)));
    }
    // which of 406 and 422 Neon reports first when both apply is unverified; limits go first here
    if (!limits.isEmpty()) {
      return new TransferOutcome.LimitsUnsatisfied(limits);
    }
    List<TransferOutcome.Blocked> blocked = new ArrayList<>();
    for (String id : distinct) {
      for (String integration : projects.get(id).integrations()) {
        blocked.add(new TransferOutcome.Blocked(id, integration));
      }
    }
    if (!blocked.isEmpty()) {
      return new TransferOutcome.BlockedByIntegrations(blocked);
    }
    if (settleMs > 0) {
      moving.add(
          new PendingMove(distinct, destinationOrgId, System.nanoTime() + settleMs * 1_000_000L));
    } else {
      move(distinct, destinationOrgId);
    }
    return new TransferOutcome.Moved(distinct.size());
  }

  /** Ids of projects an accepted transfer has not moved yet. */
  public synchronized List<String> movingProjectIds() {
    settleDueMoves();
    return moving.stream().flatMap(m -> m.projectIds().stream()).toList();
  }

  private void move(List<String> ids, String destinationOrgId) {
    for (String id : ids) {
      Project project = projects.get(id);
      // a project deleted meanwhile (its org's Azure resource went) has nothing left to move
      if (project != null) {
        projects.put(id, project.withOrg(destinationOrgId));
        permissions.remove(id);
      }
    }
  }

  private void settleDueMoves() {
    long now = System.nanoTime();
    for (Iterator<PendingMove> it = moving.iterator(); it.hasNext(); ) {
      PendingMove pending = it.next();
      if (now - pending.dueNanos() >= 0) {
        move(pending.projectIds(), pending.destinationOrgId());
        it.remove();
      }
    }
  }

  private int movingInto(String orgId) {
    return moving.stream()
        .filter(m -> m.destinationOrgId().equals(orgId))
        .mapToInt(m -> m.projectIds().size())
        .sum();
  }

  /** Members sorted as the members API sorts them. */
  public static Comparator<Membership> memberOrder(
      String sortBy, boolean ascending, Map<String, User> usersById) {
    Comparator<Membership> order =
        switch (sortBy) {
          case "email" ->
              Comparator.comparing(
                  (Membership m) -> usersById.get(m.userId()).email(),
                  String.CASE_INSENSITIVE_ORDER);
          case "role" -> Comparator.comparing(Membership::role);
          default -> Comparator.comparing(Membership::joinedAt);
        };
    order = order.thenComparing(Membership::id);
    return ascending ? order : order.reversed();
  }

  public synchronized Map<String, User> usersById() {
    return Map.copyOf(users);
  }
}
