package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.neon.NeonModel.ApiKey;
import org.neonmigrate.workflows.activities.AccessInventory;
import org.neonmigrate.workflows.activities.AccessInventoryInput;
import org.neonmigrate.workflows.activities.ApiKeyOutcome;
import org.neonmigrate.workflows.activities.GrantCollaboratorsInput;
import org.neonmigrate.workflows.activities.GrantOutcome;
import org.neonmigrate.workflows.activities.InviteMembersInput;
import org.neonmigrate.workflows.activities.InviteOutcome;
import org.neonmigrate.workflows.activities.ProjectCollaborators;
import org.neonmigrate.workflows.activities.ReplaceApiKeysInput;

class ReconfigureActivitiesTest extends ActivityHarness {

  @Test
  void nonAdminMembersAreInvitedOnceWithTheirRoles() {
    AccessInventory access =
        discovery.inventoryAccess(new AccessInventoryInput(CONTOSO, CONTOSO_NM));
    assertThat(access.membersToInvite()).isNotEmpty().noneMatch(m -> "admin".equals(m.role()));
    assertThat(access.orgApiKeyNames()).containsExactly("app-backend", "ci-deploy");

    InviteOutcome first =
        reconfigure.inviteMembers(new InviteMembersInput(CONTOSO_NM, access.membersToInvite()));
    InviteOutcome second =
        reconfigure.inviteMembers(new InviteMembersInput(CONTOSO_NM, access.membersToInvite()));

    assertThat(first.invited()).isEqualTo(access.membersToInvite().size());
    assertThat(second.invited()).isZero();
    assertThat(second.alreadyPresent()).isEqualTo(access.membersToInvite().size());
    assertThat(
            discovery
                .inventoryAccess(new AccessInventoryInput(CONTOSO, CONTOSO_NM))
                .membersToInvite())
        .isEmpty();
  }

  @Test
  void collaboratorsAreGrantedOnlyWhereMissing() {
    String project =
        sims.neon().state().projectIds(CONTOSO).stream()
            .filter(id -> !sims.neon().state().permissions(id).isEmpty())
            .findFirst()
            .orElseThrow();
    List<ProjectCollaborators> grants =
        List.of(
            new ProjectCollaborators(
                project, List.of("Contractor@Partner.example.com", "new@example.com")));

    GrantOutcome first = reconfigure.grantCollaborators(new GrantCollaboratorsInput(grants));
    GrantOutcome second = reconfigure.grantCollaborators(new GrantCollaboratorsInput(grants));

    assertThat(first.granted()).isEqualTo(1);
    assertThat(first.alreadyPresent()).isEqualTo(1);
    assertThat(second.granted()).isZero();
    assertThat(second.alreadyPresent()).isEqualTo(2);
  }

  @Test
  void replacementKeySecretsGoToAnOwnerOnlyFileAndNeverIntoTheResult() throws Exception {
    ReplaceApiKeysInput input =
        new ReplaceApiKeysInput(CONTOSO, CONTOSO_NM, List.of("ci-deploy", "app-backend"));

    ApiKeyOutcome outcome = reconfigure.replaceOrgApiKeys(input);
    ApiKeyOutcome retried = reconfigure.replaceOrgApiKeys(input);

    List<String> secrets =
        sims.neon().state().orgKeys(CONTOSO_NM).stream().map(ApiKey::token).toList();
    assertThat(secrets).hasSize(2);
    assertThat(outcome.created()).containsExactlyInAnyOrder("ci-deploy", "app-backend");
    assertThat(retried.created()).containsExactlyInAnyOrder("ci-deploy", "app-backend");
    assertThat(sims.neon().calls().count("POST /organizations/{org_id}/api_keys")).isEqualTo(2);
    for (String secret : secrets) {
      assertThat(outcome.toString()).doesNotContain(secret);
      assertThat(retried.toString()).doesNotContain(secret);
    }
    Path file = Path.of(outcome.delivery());
    assertThat(file).startsWith(dropDir);
    assertThat(Files.readString(file)).contains(secrets.get(0)).contains(secrets.get(1));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dropDir)))
        .isEqualTo("rwx------");
  }
}
