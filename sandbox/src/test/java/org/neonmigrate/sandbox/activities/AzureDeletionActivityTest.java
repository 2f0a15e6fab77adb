package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.azure.ArmDeletionProgress;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.workflows.activities.AzureBinding;
import org.neonmigrate.workflows.activities.AzureBindingInput;
import org.neonmigrate.workflows.activities.AzureDeletion;
import org.neonmigrate.workflows.activities.AzureDeletionInput;
import org.neonmigrate.workflows.activities.TransferChunk;
import org.neonmigrate.workflows.migration.AzureResource;

/**
 * The deletion rules against simulators told to answer like a hostile network. Every refusal is
 * asserted with zero ARM DELETEs and the org's projects intact.
 */
class AzureDeletionActivityTest extends ActivityHarness {

  private static final String ARM_DELETE = "DELETE " + ArmSimulator.RESOURCE_TEMPLATE;
  private static final String CONTOSO_ID =
      "/subscriptions/"
          + SUBSCRIPTION
          + "/resourceGroups/"
          + RESOURCE_GROUP
          + "/providers/Neon.Postgres/organizations/contoso-free";

  // ---- identity

  @Test
  void discoveryProvesTheResourceByTheOrgIdArmNames() {
    AzureBinding binding = prove(CONTOSO, resourceOf("contoso-free"));

    assertThat(binding.resourceId()).isEqualToIgnoringCase(CONTOSO_ID);
    assertThat(binding.organizationId()).isEqualTo(CONTOSO);
    assertThat(binding.proof()).contains("partnerOrganizationProperties.organizationId");
  }

  @Test
  void aResourceWithoutThePartnerBlockIsNeverBoundNorDeleted() {
    emptyContoso();
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));
    sims.arm().state().hidePartnerBlock(SUBSCRIPTION, RESOURCE_GROUP, "contoso-free", true);

    ApplicationFailure atDiscovery =
        failureOf(
            () ->
                azure.proveAzureResource(
                    new AzureBindingInput(CONTOSO, resourceOf("contoso-free"))));
    ApplicationFailure atDeletion = failureOf(() -> delete(CONTOSO, "contoso-free", proven));

    assertThat(atDiscovery.getType()).isEqualTo("AzureResourceMismatch");
    assertThat(atDiscovery.getOriginalMessage()).contains("does not name its Neon org");
    assertThat(atDeletion.getType()).isEqualTo("AzureResourceMismatch");
    assertNothingDeleted();
  }

  @Test
  void aResourceOfAnotherOrgIsRefusedAtDiscoveryAndAtDeletion() {
    ApplicationFailure atDiscovery =
        failureOf(
            () ->
                azure.proveAzureResource(
                    new AzureBindingInput(CONTOSO, resourceOf("fabrikam-scale"))));
    // a request naming fabrikam's resource as contoso's, even with its id "proven"
    ApplicationFailure atDeletion =
        failureOf(
            () ->
                azure.deleteAzureResource(
                    new AzureDeletionInput(
                        CONTOSO,
                        resourceOf("fabrikam-scale"),
                        CONTOSO_ID.replace("contoso-free", "fabrikam-scale"),
                        false)));

    assertThat(atDiscovery.getType()).isEqualTo("AzureResourceMismatch");
    assertThat(atDiscovery.getOriginalMessage()).contains("belongs to Neon org " + FABRIKAM);
    assertThat(atDeletion.getType()).isEqualTo("AzureResourceMismatch");
    assertThat(sims.arm().state().deletions()).isEmpty();
    assertThat(sims.neon().state().projectCount(FABRIKAM)).isPositive();
  }

  @Test
  void aWrongResourceGroupOrSubscriptionIsNamedAtDiscovery() {
    ApplicationFailure group =
        failureOf(
            () ->
                azure.proveAzureResource(
                    new AzureBindingInput(
                        CONTOSO, new AzureResource(SUBSCRIPTION, "no-such-rg", "contoso-free"))));
    ApplicationFailure subscription =
        failureOf(
            () ->
                azure.proveAzureResource(
                    new AzureBindingInput(
                        CONTOSO,
                        new AzureResource(
                            "11111111-1111-4111-8111-111111111111",
                            RESOURCE_GROUP,
                            "contoso-free"))));

    assertThat(group.getType()).isEqualTo("AzureResourceNotFound");
    assertThat(group.isNonRetryable()).isTrue();
    assertThat(group.getOriginalMessage()).contains("ResourceGroupNotFound");
    assertThat(subscription.getOriginalMessage()).contains("SubscriptionNotFound");
  }

  @Test
  void aResourceGroupNotFoundAtDeletionIsNotTakenForAlreadyGone() {
    emptyContoso();
    AzureResource wrongGroup = new AzureResource(SUBSCRIPTION, "no-such-rg", "contoso-free");

    ApplicationFailure failure =
        failureOf(
            () ->
                azure.deleteAzureResource(
                    new AzureDeletionInput(
                        CONTOSO,
                        wrongGroup,
                        CONTOSO_ID.replace(RESOURCE_GROUP, "no-such-rg"),
                        false)));

    assertThat(failure.getType()).isEqualTo("AzureDeletionRefused");
    assertThat(failure.getOriginalMessage()).contains("ResourceGroupNotFound");
    assertThat(sims.arm().calls().count(ARM_DELETE)).isZero();
  }

  @Test
  void aDeletionWithoutAProvenResourceIsRefused() {
    emptyContoso();

    ApplicationFailure failure =
        failureOf(
            () ->
                azure.deleteAzureResource(
                    new AzureDeletionInput(CONTOSO, resourceOf("contoso-free"), null, false)));

    assertThat(failure.getType()).isEqualTo("AzureResourceMismatch");
    assertNothingDeleted();
  }

  // ---- emptiness, fail closed

  @Test
  void theInterlockRefusesWhileProjectsRemainAndSendsNoDelete() {
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));

    ApplicationFailure failure = failureOf(() -> delete(CONTOSO, "contoso-free", proven));

    assertThat(failure.getType()).isEqualTo("SourceOrgNotEmpty");
    assertThat(failure.isNonRetryable()).isTrue();
    assertNothingDeleted();
    assertThat(sims.neon().state().projectCount(CONTOSO)).isEqualTo(5);
  }

  @Test
  void aListingThatAnswers404WhileArmSaysTheResourceExistsIsARefusal() {
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));
    answerNext(
        "GET /projects",
        404,
        "{\"code\":\"NOT_FOUND\",\"message\":\"organization not found\",\"request_id\":\"r\"}");

    ApplicationFailure failure = failureOf(() -> delete(CONTOSO, "contoso-free", proven));

    assertThat(failure.getType()).isEqualTo("AzureDeletionRefused");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("does not exist or is not visible")
        .contains("ARM says");
    assertNothingDeleted();
    assertThat(sims.neon().state().projectCount(CONTOSO)).isEqualTo(5);
  }

  @Test
  void aListingWithoutItsProjectsArrayIsNeverTakenForEmpty() {
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));
    answerNext("GET /projects", 200, "{}");

    ApplicationFailure failure = failureOf(() -> delete(CONTOSO, "contoso-free", proven));

    assertThat(failure.getType()).isEqualTo("AzureDeletionRefused");
    assertThat(failure.getOriginalMessage()).contains("malformed");
    assertNothingDeleted();
    assertThat(sims.neon().state().projectCount(CONTOSO)).isEqualTo(5);
  }

  @Test
  void aMembersListThatAnswers404IsARefusal() {
    emptyContoso();
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));
    answerNext("GET /organizations/{org_id}/members", 404, "{\"message\":\"not found\"}");

    ApplicationFailure failure = failureOf(() -> delete(CONTOSO, "contoso-free", proven));

    assertThat(failure.getType()).isEqualTo("AzureDeletionRefused");
    assertNothingDeleted();
  }

  @Test
  void aKeyThatLostAdminRightsCannotProveTheOrgEmpty() {
    emptyContoso();
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));
    String user = sims.neon().state().keyByToken(KEY).orElseThrow().userId();
    sims.neon().state().setRole(CONTOSO, user, "member");

    ApplicationFailure failure = failureOf(() -> delete(CONTOSO, "contoso-free", proven));

    assertThat(failure.getType()).isEqualTo("AzureDeletionRefused");
    assertThat(failure.getOriginalMessage()).contains("not an admin");
    assertNothingDeleted();
  }

  @Test
  void aProjectCreatedAfterVerificationStopsTheDeletion() {
    emptyContoso();
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));
    assertThat(admin("POST", "/orgs/" + CONTOSO + "/projects", Map.of("count", 1)).status())
        .isEqualTo(200);

    ApplicationFailure failure = failureOf(() -> delete(CONTOSO, "contoso-free", proven));

    assertThat(failure.getType()).isEqualTo("SourceOrgNotEmpty");
    assertNothingDeleted();
    assertThat(sims.neon().state().projectCount(CONTOSO)).isEqualTo(1);
  }

  // ---- the clean path and honest outcomes

  @Test
  void anEmptySourceIsDeletedByPollingTheOperationToItsEnd() {
    emptyContoso();
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));

    AzureDeletion deletion = delete(CONTOSO, "contoso-free", proven);

    assertThat(deletion.deleted()).isTrue();
    assertThat(deletion.alreadyGone()).isFalse();
    assertThat(deletion.polls()).isGreaterThanOrEqualTo(1);
    assertThat(sims.arm().calls().count(ARM_DELETE)).isEqualTo(1);
    assertThat(sims.arm().state().deletions())
        .singleElement()
        .satisfies(d -> assertThat(d.projectsInOrg()).isZero());
  }

  @Test
  void aResourceArmSaysIsGoneIsAlreadyGoneWithoutASecondDelete() {
    emptyContoso();
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));
    delete(CONTOSO, "contoso-free", proven);

    AzureDeletion again = delete(CONTOSO, "contoso-free", proven);

    assertThat(again.alreadyGone()).isTrue();
    assertThat(sims.arm().calls().count(ARM_DELETE)).isEqualTo(1);
  }

  @Test
  void aRetriedAttemptResumesPollingInsteadOfDeletingAgain() {
    emptyContoso();
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));
    Reply started = sendDelete();
    assertThat(started.status()).isEqualTo(202);
    env.setHeartbeatDetails(new ArmDeletionProgress(started.header("Location"), 0, true));

    AzureDeletion resumed = delete(CONTOSO, "contoso-free", proven);

    assertThat(resumed.deleted()).isTrue();
    assertThat(sims.arm().calls().count(ARM_DELETE)).isEqualTo(1);
  }

  @Test
  void aResourceAlreadyDeletingAfterALostAttemptIsWatchedNotRefused() {
    emptyContoso();
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));
    sims.arm().setLro(new ArmSimulator.LroSettings(3_000, 1));
    assertThat(sendDelete().status()).isEqualTo(202);

    AzureDeletion watched =
        azure.deleteAzureResource(
            new AzureDeletionInput(CONTOSO, resourceOf("contoso-free"), proven.resourceId(), true));

    assertThat(watched.deleted()).isTrue();
    assertThat(sims.arm().state().find(SUBSCRIPTION, RESOURCE_GROUP, "contoso-free")).isEmpty();
    assertThat(sims.arm().calls().count(ARM_DELETE)).isEqualTo(1);
  }

  @Test
  void aResourceSomeoneElseIsDeletingIsRefusedNotClaimed() {
    emptyContoso();
    AzureBinding proven = prove(CONTOSO, resourceOf("contoso-free"));
    sims.arm().setLro(new ArmSimulator.LroSettings(300_000, 10));
    assertThat(sendDelete().status()).isEqualTo(202);

    ApplicationFailure failure = failureOf(() -> delete(CONTOSO, "contoso-free", proven));

    assertThat(failure.getType()).isEqualTo("AzureDeletionRefused");
    assertThat(failure.getOriginalMessage()).contains("not by this run");
  }

  private AzureBinding prove(String orgId, AzureResource resource) {
    return azure.proveAzureResource(new AzureBindingInput(orgId, resource));
  }

  private AzureDeletion delete(String orgId, String resourceName, AzureBinding proven) {
    return azure.deleteAzureResource(
        new AzureDeletionInput(orgId, resourceOf(resourceName), proven.resourceId(), false));
  }

  private static void answerNext(String route, int status, String body) {
    Reply reply =
        admin(
            "POST",
            "/faults/answer",
            Map.of("route", route, "status", status, "body", body, "count", 20));
    assertThat(reply.status()).isEqualTo(200);
  }

  private static Reply sendDelete() {
    return send(
        "DELETE",
        sims.arm().baseUrl() + CONTOSO_ID + "?api-version=" + ArmSimulator.API_VERSION,
        ArmSimulator.DEFAULT_TOKEN,
        null,
        null);
  }

  private static void assertNothingDeleted() {
    assertThat(sims.arm().calls().count(ARM_DELETE)).isZero();
    assertThat(sims.arm().state().deletions()).isEmpty();
  }

  private void emptyContoso() {
    List<String> ids = sims.neon().state().projectIds(CONTOSO);
    transfer.transferProjects(new TransferChunk(CONTOSO, CONTOSO_NM, ids));
    assertThat(sims.neon().state().projectCount(CONTOSO)).isZero();
  }
}
