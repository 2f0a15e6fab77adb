package org.neonmigrate.workflows.migration;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.neonmigrate.workflows.NeonLimits;
import org.neonmigrate.workflows.activities.AccessInventory;
import org.neonmigrate.workflows.activities.AccessInventoryInput;
import org.neonmigrate.workflows.activities.ActivityCatalogue;
import org.neonmigrate.workflows.activities.AzureActivities;
import org.neonmigrate.workflows.activities.AzureBinding;
import org.neonmigrate.workflows.activities.AzureBindingInput;
import org.neonmigrate.workflows.activities.DiscoveryActivities;
import org.neonmigrate.workflows.activities.OrgCheck;
import org.neonmigrate.workflows.activities.OrgCheckInput;
import org.neonmigrate.workflows.activities.ProjectPage;
import org.neonmigrate.workflows.activities.ProjectPageInput;
import org.neonmigrate.workflows.activities.ProjectSnapshot;

/** DISCOVER and PLAN: read both orgs, inventory the source's projects and access, plan the move. */
final class DiscoveryStep {
  static final int PAGE_SIZE = NeonLimits.PROJECTS_PER_PAGE;

  private final ActivityOptions neonReads = ActivityCatalogue.DISCOVERY_READS;

  private final MigrationRequest request;
  private final MigrationProgress progress;

  DiscoveryStep(MigrationRequest request, MigrationProgress progress) {
    this.request = request;
    this.progress = progress;
  }

  /** Reads both orgs and inventories the source; returns the plan (also kept in progress). */
  MigrationPlan discoverAndPlan() {
    // the access inventory rides with the org check: one activity (and workflow task) less
    boolean withAccess = progress.compactHistory();
    OrgCheck check =
        withAccess
            ? reads("check source and destination orgs, inventory members and org API keys")
                .checkOrganizations(
                    new OrgCheckInput(request.sourceOrgId(), request.destinationOrgId(), true))
            : checkOrganizations("check source and destination orgs");
    proveAzureResource();
    inventoryProjects();
    AccessInventory access = check.access();
    if (access == null) {
      progress.describe("Reading members and org API keys of " + request.sourceOrgId());
      access =
          reads("inventory members and org API keys")
              .inventoryAccess(
                  new AccessInventoryInput(request.sourceOrgId(), request.destinationOrgId()));
    }
    progress.enterInPassing(Step.PLAN, "Computing the migration plan");
    MigrationPlan plan = plan(check, access);
    progress.setPlan(plan);
    return plan;
  }

  OrgCheck checkOrganizations(String summary) {
    return reads(summary)
        .checkOrganizations(new OrgCheckInput(request.sourceOrgId(), request.destinationOrgId()));
  }

  /** A wrong or unprovable Azure resource ends the run here, before anything moves. */
  private void proveAzureResource() {
    AzureResource azure = request.azure();
    progress.describe("Proving Azure resource " + azure.resourceName() + " is the source org's");
    AzureBinding binding =
        Workflow.newActivityStub(
                AzureActivities.class,
                neonReads.toBuilder()
                    .setSummary(
                        "prove Azure resource "
                            + azure.resourceName()
                            + " belongs to "
                            + request.sourceOrgId())
                    .build())
            .proveAzureResource(new AzureBindingInput(request.sourceOrgId(), azure));
    progress.setAzureBinding(binding);
  }

  private void inventoryProjects() {
    ProjectInventory projects = progress.projects();
    String cursor = null;
    int page = 0;
    do {
      page++;
      progress.describe("Inventorying projects of " + request.sourceOrgId() + ": page " + page);
      ProjectPage result =
          reads("inventory projects page " + page + " (" + projects.total() + " so far)")
              .inventoryProjects(new ProjectPageInput(request.sourceOrgId(), cursor, PAGE_SIZE));
      for (ProjectSnapshot snapshot : result.projects()) {
        projects.add(snapshot);
      }
      cursor = result.nextCursor();
    } while (cursor != null && !cursor.isBlank());
  }

  private MigrationPlan plan(OrgCheck check, AccessInventory access) {
    ProjectInventory projects = progress.projects();
    int movable = projects.movableCount();
    List<String> keys = access.orgApiKeyNames() == null ? List.of() : access.orgApiKeyNames();
    List<MemberInvite> members =
        access.membersToInvite() == null ? List.of() : access.membersToInvite();
    List<String> notes = new ArrayList<>();
    if (check.planUpgradeNeeded()) {
      notes.add(
          "upgrade the destination plan in the Neon Console, then approve gate plan-upgrade: "
              + check.planUpgradeReason());
    }
    if (projects.hasBlockers()) {
      notes.add(
          projects.blockers().size()
              + " projects have GitHub/Vercel integrations: remove them, then approve gate"
              + " blockers-resolved");
    }
    if (!members.isEmpty()) {
      notes.add(members.size() + " members will be emailed an invitation to the destination");
    }
    if (!keys.isEmpty() && !request.replaceOrgApiKeys()) {
      notes.add(
          keys.size()
              + " org-wide API keys will not reach the moved projects; create replacements or"
              + " set replaceOrgApiKeys");
    }
    notes.add(
        "the Azure resource is deleted only after verification and an azure-deletion approval by"
            + " another person than "
            + request.requestedBy()
            + "; "
            + progress.azureBinding().proof());
    return new MigrationPlan(
        check.source(),
        check.destination(),
        movable,
        projects.blockers(),
        members,
        projects.collaboratorGrantCount(),
        keys,
        request.replaceOrgApiKeys(),
        check.planUpgradeNeeded(),
        check.planUpgradeReason(),
        (movable + TransferStep.CHUNK_SIZE - 1) / TransferStep.CHUNK_SIZE,
        notes,
        progress.azureBinding());
  }

  private DiscoveryActivities reads(String summary) {
    return Workflow.newActivityStub(
        DiscoveryActivities.class, neonReads.toBuilder().setSummary(summary).build());
  }
}
