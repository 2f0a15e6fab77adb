package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.azure.ArmDeletionProgress;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.workflows.activities.AzureDeletion;
import org.neonmigrate.workflows.activities.AzureDeletionInput;
import org.neonmigrate.workflows.activities.TransferChunk;

class AzureDeletionActivityTest extends ActivityHarness {

  private static final String ARM_DELETE = "DELETE " + ArmSimulator.RESOURCE_TEMPLATE;

  @Test
  void theInterlockRefusesWhileProjectsRemainAndSendsNoDelete() {
    ApplicationFailure failure =
        failureOf(
            () ->
                azure.deleteAzureResource(
                    new AzureDeletionInput(CONTOSO, resourceOf("contoso-free"))));

    assertThat(failure.getType()).isEqualTo("SourceOrgNotEmpty");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(sims.arm().calls().count(ARM_DELETE)).isZero();
    assertThat(sims.arm().state().deletions()).isEmpty();
    assertThat(sims.neon().state().projectCount(CONTOSO)).isEqualTo(5);
  }

  @Test
  void aResourceOfAnotherOrgIsNeverDeleted() {
    emptyContoso();

    ApplicationFailure failure =
        failureOf(
            () ->
                azure.deleteAzureResource(
                    new AzureDeletionInput(CONTOSO, resourceOf("fabrikam-scale"))));

    assertThat(failure.getType()).isEqualTo("AzureDeletionFailed");
    assertThat(sims.arm().state().deletions()).isEmpty();
  }

  @Test
  void anEmptySourceIsDeletedByPollingTheOperationToItsEnd() {
    emptyContoso();

    AzureDeletion deletion =
        azure.deleteAzureResource(new AzureDeletionInput(CONTOSO, resourceOf("contoso-free")));

    assertThat(deletion.deleted()).isTrue();
    assertThat(deletion.alreadyGone()).isFalse();
    assertThat(deletion.polls()).isGreaterThanOrEqualTo(2);
    assertThat(sims.arm().calls().count(ARM_DELETE)).isEqualTo(1);
    assertThat(sims.arm().state().deletions())
        .singleElement()
        .satisfies(d -> assertThat(d.projectsInOrg()).isZero());
  }

  @Test
  void aResourceThatIsAlreadyGoneIsNotAnError() {
    emptyContoso();
    azure.deleteAzureResource(new AzureDeletionInput(CONTOSO, resourceOf("contoso-free")));

    AzureDeletion again =
        azure.deleteAzureResource(new AzureDeletionInput(CONTOSO, resourceOf("contoso-free")));

    assertThat(again.alreadyGone()).isTrue();
    assertThat(sims.arm().calls().count(ARM_DELETE)).isEqualTo(1);
  }

  @Test
  void aRetriedAttemptResumesPollingInsteadOfDeletingAgain() {
    emptyContoso();
    Reply started =
        send(
            "DELETE",
            sims.arm().baseUrl()
                + "/subscriptions/"
                + SUBSCRIPTION
                + "/resourceGroups/"
                + RESOURCE_GROUP
                + "/providers/Neon.Postgres/organizations/contoso-free?api-version="
                + ArmSimulator.API_VERSION,
            ArmSimulator.DEFAULT_TOKEN,
            null,
            null);
    assertThat(started.status()).isEqualTo(202);
    env.setHeartbeatDetails(new ArmDeletionProgress(started.header("Location"), 0));

    AzureDeletion resumed =
        azure.deleteAzureResource(new AzureDeletionInput(CONTOSO, resourceOf("contoso-free")));

    assertThat(resumed.deleted()).isTrue();
    assertThat(resumed.polls()).isGreaterThanOrEqualTo(2);
    assertThat(sims.arm().calls().count(ARM_DELETE)).isEqualTo(1);
  }

  private void emptyContoso() {
    List<String> ids = sims.neon().state().projectIds(CONTOSO);
    transfer.transferProjects(new TransferChunk(CONTOSO, CONTOSO_NM, ids));
    assertThat(sims.neon().state().projectCount(CONTOSO)).isZero();
  }
}
