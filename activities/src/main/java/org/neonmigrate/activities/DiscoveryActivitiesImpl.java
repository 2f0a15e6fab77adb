package org.neonmigrate.activities;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.activities.neon.model.AuthDetails;
import org.neonmigrate.activities.neon.model.Invitation;
import org.neonmigrate.activities.neon.model.MemberEntry;
import org.neonmigrate.activities.neon.model.NeonOrganization;
import org.neonmigrate.activities.neon.model.OrgApiKey;
import org.neonmigrate.activities.neon.model.ProjectListItem;
import org.neonmigrate.activities.neon.model.ProjectListPage;
import org.neonmigrate.workflows.NeonLimits;
import org.neonmigrate.workflows.activities.AccessInventory;
import org.neonmigrate.workflows.activities.AccessInventoryInput;
import org.neonmigrate.workflows.activities.DiscoveryActivities;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.activities.OrgCheck;
import org.neonmigrate.workflows.activities.OrgCheckInput;
import org.neonmigrate.workflows.activities.ProjectPage;
import org.neonmigrate.workflows.activities.ProjectPageInput;
import org.neonmigrate.workflows.activities.ProjectSnapshot;
import org.neonmigrate.workflows.migration.MemberInvite;
import org.neonmigrate.workflows.migration.OrgSummary;

@Singleton
public class DiscoveryActivitiesImpl implements DiscoveryActivities {

  /** The only key kind Neon accepts for transfers and invitations. */
  static final String PERSONAL_KEY = "api_key_user";

  /** Neon-managed orgs (created in the Console or the API) carry this {@code managed_by}. */
  static final String NEON_MANAGED = "console";

  private final NeonClient neon;

  public DiscoveryActivitiesImpl(NeonClient neon) {
    this.neon = neon;
  }

  @Override
  public OrgCheck checkOrganizations(OrgCheckInput input) {
    Requests.requireOrgIds(input.sourceOrgId(), input.destinationOrgId());
    AuthDetails auth = neon.auth();
    if (!PERSONAL_KEY.equals(auth.authMethod())) {
      throw MigrationFailure.PersonalApiKeyRequired.failure(
          "the configured Neon key authenticates as "
              + auth.authMethod()
              + "; transfers and invitations need a personal API key ("
              + PERSONAL_KEY
              + ") of a user who is admin of both orgs");
    }
    NeonOrganization source = neon.organization(input.sourceOrgId());
    NeonOrganization destination = neon.organization(input.destinationOrgId());
    if (NEON_MANAGED.equals(source.managedBy())) {
      throw MigrationFailure.SourceNotAzureManaged.failure(
          "source org "
              + source.id()
              + " is managed by "
              + NEON_MANAGED
              + " (Neon-managed): there is nothing to move off Azure");
    }
    if (!NEON_MANAGED.equals(destination.managedBy())) {
      throw MigrationFailure.DestinationNotNeonManaged.failure(
          "destination org "
              + destination.id()
              + " is managed by "
              + destination.managedBy()
              + "; pick a Neon-managed org (managed_by "
              + NEON_MANAGED
              + ")");
    }
    var reason = PlanTier.upgradeReason(source.plan(), destination.plan(), destination.id());
    OrgCheck check =
        new OrgCheck(
            summary(source), summary(destination), reason.isPresent(), reason.orElse(null));
    if (!Boolean.TRUE.equals(input.withAccess())) {
      return check;
    }
    ActivityHeartbeat.beat();
    return check.withAccess(
        inventoryAccess(new AccessInventoryInput(input.sourceOrgId(), input.destinationOrgId())));
  }

  @Override
  public ProjectPage inventoryProjects(ProjectPageInput input) {
    Requests.requireOrgIds(input.orgId());
    if (input.pageSize() < 1 || input.pageSize() > NeonLimits.PROJECTS_PER_PAGE) {
      throw MigrationFailure.InvalidMigrationRequest.failure(
          "pageSize must be 1.." + NeonLimits.PROJECTS_PER_PAGE + ", was " + input.pageSize());
    }
    ProjectListPage page = neon.projectPage(input.orgId(), input.pageSize(), input.cursor());
    Map<String, List<String>> integrations =
        page.integrations() == null ? Map.of() : page.integrations();
    List<ProjectSnapshot> snapshots = new ArrayList<>();
    for (ProjectListItem project :
        page.projects() == null ? List.<ProjectListItem>of() : page.projects()) {
      ActivityHeartbeat.beat();
      var endpoints = neon.endpoints(project.id()).endpoints();
      snapshots.add(
          new ProjectSnapshot(
              project.id(),
              project.name(),
              integrations.getOrDefault(project.id(), List.of()).stream().sorted().toList(),
              EndpointDigest.of(endpoints == null ? List.of() : endpoints),
              Collaborators.active(neon.permissions(project.id()))));
    }
    return new ProjectPage(snapshots, nextCursor(input, page));
  }

  /**
   * Neon ends a project walk with an empty page. When this page was short, that empty page is
   * likely next: read it here, so the workflow does not need another activity (three history events
   * and a workflow task) to learn the walk is over. Anything else keeps the cursor, and the next
   * activity reads that page again.
   */
  private String nextCursor(ProjectPageInput input, ProjectListPage page) {
    String next = NeonClient.nextProjectCursor(page);
    if (next == null || page.projects().size() >= input.pageSize()) {
      return next;
    }
    ActivityHeartbeat.beat();
    ProjectListPage after = neon.projectPage(input.orgId(), input.pageSize(), next);
    boolean walkOver = after.projects() == null || after.projects().isEmpty();
    return walkOver ? null : next;
  }

  @Override
  public AccessInventory inventoryAccess(AccessInventoryInput input) {
    Requests.requireOrgIds(input.sourceOrgId(), input.destinationOrgId());
    Set<String> inDestination = new HashSet<>();
    for (MemberEntry entry : neon.allMembers(input.destinationOrgId())) {
      Emails.key(entry.user() == null ? null : entry.user().email()).ifPresent(inDestination::add);
    }
    for (Invitation invitation : neon.invitations(input.destinationOrgId())) {
      Emails.key(invitation.email()).ifPresent(inDestination::add);
    }
    Map<String, MemberInvite> toInvite = new LinkedHashMap<>();
    for (MemberEntry entry : neon.allMembers(input.sourceOrgId())) {
      String role = entry.member() == null ? null : entry.member().role();
      String email = entry.user() == null ? null : entry.user().email();
      if ("admin".equalsIgnoreCase(role)) {
        continue; // Neon adds the source's admins to the destination itself
      }
      Emails.key(email)
          .filter(key -> !inDestination.contains(key))
          .ifPresent(key -> toInvite.putIfAbsent(key, new MemberInvite(email, role)));
    }
    List<String> orgKeyNames =
        neon.orgApiKeys(input.sourceOrgId()).stream()
            .filter(key -> key.projectId() == null || key.projectId().isBlank())
            .map(OrgApiKey::name)
            .filter(Objects::nonNull)
            .distinct()
            .sorted()
            .toList();
    List<MemberInvite> members =
        toInvite.values().stream()
            .sorted(
                (a, b) ->
                    a.email()
                        .toLowerCase(Locale.ROOT)
                        .compareTo(b.email().toLowerCase(Locale.ROOT)))
            .toList();
    return new AccessInventory(members, orgKeyNames);
  }

  private static OrgSummary summary(NeonOrganization org) {
    return new OrgSummary(org.id(), org.name(), org.plan(), org.managedBy());
  }
}
