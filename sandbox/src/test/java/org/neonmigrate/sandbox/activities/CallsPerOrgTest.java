package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.activities.AccessInventory;
import org.neonmigrate.workflows.activities.AccessInventoryInput;
import org.neonmigrate.workflows.activities.AzureBinding;
import org.neonmigrate.workflows.activities.AzureBindingInput;
import org.neonmigrate.workflows.activities.AzureDeletionInput;
import org.neonmigrate.workflows.activities.GrantCollaboratorsInput;
import org.neonmigrate.workflows.activities.InviteMembersInput;
import org.neonmigrate.workflows.activities.OrgCheckInput;
import org.neonmigrate.workflows.activities.ProjectCheck;
import org.neonmigrate.workflows.activities.ProjectCollaborators;
import org.neonmigrate.workflows.activities.ProjectPageInput;
import org.neonmigrate.workflows.activities.ProjectSnapshot;
import org.neonmigrate.workflows.activities.TransferChunk;
import org.neonmigrate.workflows.activities.VerifyInput;

/**
 * Pins how many Neon calls one small org's migration costs, route by route, against the fewest the
 * plan needs; a regression in any activity shows here.
 */
class CallsPerOrgTest extends ActivityHarness {

  @Test
  void aFiveProjectOrgMigratesWithinATenthOfTheFewestCallsThePlanNeeds() {
    // the key's kind is read once per process; count this org's calls without it
    discovery.checkOrganizations(new OrgCheckInput(CONTOSO, CONTOSO_NM));
    sims.neon().calls().clear();

    discovery.checkOrganizations(new OrgCheckInput(CONTOSO, CONTOSO_NM));
    List<ProjectSnapshot> projects =
        discovery.inventoryProjects(new ProjectPageInput(CONTOSO, null, 400)).projects();
    AccessInventory access =
        discovery.inventoryAccess(new AccessInventoryInput(CONTOSO, CONTOSO_NM));
    transfer.transferProjects(
        new TransferChunk(
            CONTOSO, CONTOSO_NM, projects.stream().map(ProjectSnapshot::id).toList()));
    reconfigure.inviteMembers(new InviteMembersInput(CONTOSO_NM, access.membersToInvite()));
    List<ProjectCollaborators> grants = new ArrayList<>();
    for (ProjectSnapshot p : projects) {
      if (!p.collaborators().isEmpty()) {
        grants.add(new ProjectCollaborators(p.id(), p.collaborators()));
      }
    }
    reconfigure.grantCollaborators(new GrantCollaboratorsInput(grants));
    List<ProjectCheck> checks =
        projects.stream().map(p -> new ProjectCheck(p.id(), p.endpointDigest())).toList();
    assertThat(verify.verifyProjects(new VerifyInput(CONTOSO_NM, checks)).problems()).isEmpty();
    assertThat(verify.countProjects(CONTOSO)).isZero();
    AzureBinding proven =
        azure.proveAzureResource(new AzureBindingInput(CONTOSO, resourceOf("contoso-free")));
    azure.deleteAzureResource(
        new AzureDeletionInput(CONTOSO, resourceOf("contoso-free"), proven.resourceId(), false));

    int p = projects.size();
    int g = grants.stream().mapToInt(c -> c.emails().size()).sum();
    int fewest = 2 + 1 + p + p + 1 + 1 + 1 + 1 + 1 + 1 + g + 1 + p + 1 + 1 + 1;
    Map<String, Integer> byRoute = new TreeMap<>();
    sims.neon()
        .calls()
        .counts()
        .forEach(
            (route, byStatus) ->
                byRoute.put(route, byStatus.values().stream().mapToInt(i -> i).sum()));
    int total = byRoute.values().stream().mapToInt(i -> i).sum();
    System.out.printf(
        "calls_per_org=%d min_calls_per_org=%d P=%d G=%d members=%d %s%n",
        total, fewest, p, g, access.membersToInvite().size(), byRoute);

    assertThat(p).isEqualTo(5);
    assertThat(total).isLessThanOrEqualTo(fewest * 11 / 10);
    // the calls over the fewest: each project with collaborators is re-read before its grants,
    // and the source's short page is followed by the empty page that ends Neon's walk
    assertThat(total).isEqualTo(fewest + grants.size() + 1);
    assertThat(byRoute)
        .containsEntry("GET /organizations/{org_id}", 2)
        .containsEntry("GET /projects", 5)
        .containsEntry("GET /projects/{project_id}/permissions", p + grants.size())
        .containsEntry("POST /projects/{project_id}/permissions", g)
        .containsEntry("GET /projects/{project_id}/endpoints", 2 * p)
        .containsEntry("GET /organizations/{org_id}/members", 3)
        .containsEntry("GET /organizations/{org_id}/invitations", 1)
        .containsEntry("GET /organizations/{org_id}/api_keys", 1)
        .containsEntry("POST /organizations/{org_id}/projects/transfer", 1)
        .containsEntry("POST /organizations/{org_id}/invitations", 1)
        .doesNotContainKeys("GET /auth", "GET /projects/{project_id}");
  }
}
