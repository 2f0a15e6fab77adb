package org.neonmigrate.workflows.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.activities.ApiKeyOutcome;
import org.neonmigrate.workflows.activities.AzureDeletion;
import org.neonmigrate.workflows.activities.OperatorNotification;
import org.neonmigrate.workflows.activities.ProjectSnapshot;
import org.neonmigrate.workflows.activities.TransferOutcome;
import org.neonmigrate.workflows.activities.UnsavedApiKey;
import org.neonmigrate.workflows.activities.VerifyOutcome;

class OrgMigrationWorkflowTest extends MigrationFixtures {

  @RegisterExtension final TestWorkflowExtension testWorkflow = extension();

  @BeforeEach
  void defaults() {
    happyPath();
  }

  @Test
  void aDryRunReturnsThePlanAndChangesNothing(WorkflowClient client, Worker worker) {
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(true));

    MigrationReport report = result(workflow);

    assertThat(report.finalStep()).isEqualTo(Step.PLAN);
    assertThat(report.dryRun()).isTrue();
    assertThat(report.plan().projectsToMove()).isEqualTo(3);
    assertThat(report.plan().transferChunks()).isEqualTo(1);
    assertThat(report.plan().membersToInvite()).hasSize(1);
    assertThat(report.plan().orgApiKeysToReplace()).containsExactly("ci-key");
    assertThat(report.projectsInSource()).containsExactly("p-1", "p-2", "p-3");
    // PLAN is a step runs pass through without a search-attribute event, except where they end
    assertThat(searchAttribute(workflow, "MigrationStep")).isEqualTo("PLAN");
    // the access inventory rode with the org check
    assertThat(
            new HistoryHistogram(client.fetchHistory(WORKFLOW_ID).getEvents())
                .countFrom("activity InventoryAccess"))
        .isZero();
    verifyNoInteractions(transfer, reconfigure);
    verify(azure, never()).deleteAzureResource(any());
  }

  @Test
  void withoutAnUpgradeItCompletesAfterTheAzureDeletionApproval(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));

    MigrationStatus waiting = waitAtGate(env, workflow, Gate.AZURE_DELETION);
    assertThat(waiting.step()).isEqualTo(Step.AZURE_DELETION);
    assertThat(waiting.projects()).isEqualTo(new ProjectCounts(3, 3, 0));
    assertThat(searchAttribute(workflow, "MigrationStep")).isEqualTo("AZURE_DELETION");
    assertThat(searchAttribute(workflow, "SourceOrgId")).isEqualTo(SOURCE);
    verify(azure, never()).deleteAzureResource(any());

    workflow.approve(approval(Gate.AZURE_DELETION));
    MigrationReport report = result(workflow);

    assertThat(report.finalStep()).isEqualTo(Step.COMPLETED);
    assertThat(report.azureResourceDeleted()).isTrue();
    assertThat(report.projectsInDestination()).containsExactly("p-1", "p-2", "p-3");
    assertThat(report.projectsInSource()).isEmpty();
    assertThat(report.membersInvited()).isEqualTo(1);
    assertThat(report.collaboratorsGranted()).isEqualTo(3);
    assertThat(report.replacementApiKeys()).containsExactly("ci-key");
    assertThat(report.actionsForHumans())
        .anyMatch(a -> a.contains("must accept"))
        .anyMatch(a -> a.startsWith("swap the new org API keys"));
    assertThat(report.approvals())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.gate()).isEqualTo("azure-deletion");
              assertThat(a.approver()).isEqualTo("alice@example.com");
              assertThat(a.approved()).isTrue();
              assertThat(a.at()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
            });
    verify(azure, times(1)).deleteAzureResource(any());
  }

  @Test
  void aNeededUpgradeThatIsApprovedRereadsThePlanThenTransfers(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(discovery.checkOrganizations(any()))
        .thenReturn(orgCheck("free", true))
        .thenReturn(orgCheck("scale", false));
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));

    MigrationStatus waiting = waitAtGate(env, workflow, Gate.PLAN_UPGRADE);
    assertThat(waiting.step()).isEqualTo(Step.PLAN_UPGRADE);
    verifyNoInteractions(transfer);

    workflow.approve(approval(Gate.PLAN_UPGRADE));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    verify(discovery, times(2)).checkOrganizations(any());
    verify(transfer).transferProjects(any());

    workflow.approve(approval(Gate.AZURE_DELETION));
    assertThat(result(workflow).finalStep()).isEqualTo(Step.COMPLETED);
  }

  @Test
  void anApprovalWhileThePlanIsStillTooLowKeepsWaitingWithTheReason(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(discovery.checkOrganizations(any()))
        .thenReturn(orgCheck("free", true))
        .thenReturn(orgCheck("free", true))
        .thenReturn(orgCheck("scale", false));
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.PLAN_UPGRADE);

    workflow.approve(approval(Gate.PLAN_UPGRADE));
    MigrationStatus still =
        waitFor(
            env,
            workflow,
            s ->
                "plan-upgrade".equals(s.awaitingGate())
                    && s.approvals().size() == 1
                    && checkedTwice());
    assertThat(still.awaitingReason()).isEqualTo("destination plan is still free; source is scale");
    verifyNoInteractions(transfer);

    workflow.approve(approval(Gate.PLAN_UPGRADE));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    workflow.approve(approval(Gate.AZURE_DELETION));

    MigrationReport report = result(workflow);
    assertThat(report.finalStep()).isEqualTo(Step.COMPLETED);
    assertThat(report.approvals())
        .extracting(ApprovalRecord::gate)
        .containsExactly("plan-upgrade", "plan-upgrade", "azure-deletion");
  }

  @Test
  void aTransferRefusedWith406GoesToThePlanUpgradeGateThenRetriesTheChunk(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    doReturn(
            new TransferOutcome(
                List.of(),
                List.of(),
                List.of("subscription_type: expected scale, actual free"),
                true))
        .doAnswer(inv -> moved(inv.getArgument(0)))
        .when(transfer)
        .transferProjects(any());
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));

    MigrationStatus waiting = waitAtGate(env, workflow, Gate.PLAN_UPGRADE);
    assertThat(waiting.awaitingReason()).contains("subscription_type");
    assertThat(waiting.projects().transferred()).isZero();

    workflow.approve(approval(Gate.PLAN_UPGRADE));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    verify(transfer, times(2))
        .transferProjects(argThat(c -> c.projectIds().equals(List.of("p-1", "p-2", "p-3"))));

    workflow.approve(approval(Gate.AZURE_DELETION));
    assertThat(result(workflow).finalStep()).isEqualTo(Step.COMPLETED);
  }

  @Test
  void aTransferRefusedWith406ThatNoUpgradeFixesFailsTheRun(WorkflowClient client, Worker worker) {
    doReturn(new TransferOutcome(List.of(), List.of(), List.of("region: not allowed"), false))
        .when(transfer)
        .transferProjects(any());
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));

    assertFailedWith(workflow, "TransferLimitsUnsatisfied");
    assertThat(workflow.report().error()).contains("region: not allowed");
    verify(azure, never()).deleteAzureResource(any());
  }

  @Test
  void aRejectionAtThePlanUpgradeGateFailsTheRunAndDeletesNothing(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(discovery.checkOrganizations(any())).thenReturn(orgCheck("free", true));
    rejectAt(env, client, worker, Gate.PLAN_UPGRADE);
  }

  @Test
  void aRejectionAtTheBlockersGateFailsTheRunAndDeletesNothing(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    happyPath(List.of(project("p-1"), blockedProject("p-2", "github")));
    rejectAt(env, client, worker, Gate.BLOCKERS_RESOLVED);
  }

  @Test
  void aRejectionAtTheAzureDeletionGateFailsTheRunAndDeletesNothing(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    rejectAt(env, client, worker, Gate.AZURE_DELETION);
  }

  private void rejectAt(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker, Gate gate) {
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, gate);

    workflow.reject(new Rejection(gate.wireName(), "bob@example.com", "not this week"));

    assertFailedWith(workflow, "MigrationRejected");
    MigrationReport report = workflow.report();
    assertThat(report.finalStep()).isEqualTo(Step.FAILED);
    assertThat(report.error()).contains("not this week").contains(gate.wireName());
    assertThat(report.azureResourceDeleted()).isFalse();
    assertThat(workflow.status().step()).isEqualTo(Step.FAILED);
    assertThat(report.approvals())
        .singleElement()
        .satisfies(a -> assertThat(a.approved()).isFalse());
    verify(azure, never()).deleteAzureResource(any());
  }

  @Test
  void anAzureDeletionApprovalSentEarlyIsIgnored(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(discovery.checkOrganizations(any()))
        .thenReturn(orgCheck("free", true))
        .thenReturn(orgCheck("scale", false));
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.PLAN_UPGRADE);

    workflow.approve(approval(Gate.AZURE_DELETION));
    workflow.approve(approval(Gate.PLAN_UPGRADE));

    MigrationStatus waiting = waitAtGate(env, workflow, Gate.AZURE_DELETION);
    env.sleep(Duration.ofMinutes(5));
    assertThat(workflow.status().awaitingGate()).isEqualTo("azure-deletion");
    assertThat(waiting.approvals())
        .extracting(ApprovalRecord::gate)
        .containsExactly("plan-upgrade");
    verify(azure, never()).deleteAzureResource(any());

    workflow.approve(approval(Gate.AZURE_DELETION));
    assertThat(result(workflow).finalStep()).isEqualTo(Step.COMPLETED);
  }

  @Test
  void aCancelBeforeDeletionStopsCleanlyAndTheReportSaysWhereProjectsAre(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    happyPath(List.of(project("p-1"), project("p-2"), blockedProject("p-3", "vercel")));
    when(verify.countProjects(SOURCE)).thenReturn(1);
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.BLOCKERS_RESOLVED);

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(() -> result(workflow))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    MigrationReport report = workflow.report();
    assertThat(report.finalStep()).isEqualTo(Step.CANCELLED);
    assertThat(report.projectsInDestination()).containsExactly("p-1", "p-2");
    assertThat(report.projectsInSource()).containsExactly("p-3");
    assertThat(report.actionsForHumans()).anyMatch(a -> a.contains("2 of 3 projects are in"));
    verify(verify).countProjects(SOURCE);
    verify(azure, never()).deleteAzureResource(any());
  }

  @Test
  void aCancelDuringATransferListsTheSourceToKnowExactlyWhereProjectsAre(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(verify.countProjects(SOURCE)).thenReturn(2);
    doAnswer(
            inv -> {
              Thread.sleep(3_000);
              return moved(inv.getArgument(0));
            })
        .when(transfer)
        .transferProjects(any());
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitFor(env, workflow, s -> s.step() == Step.TRANSFER);
    // The source now lists two of the three projects: one moved before the cancel landed.
    leftInSource.addAll(List.of(project("p-2"), project("p-3")));

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(() -> result(workflow)).hasCauseInstanceOf(CanceledFailure.class);
    MigrationReport report = workflow.report();
    assertThat(report.finalStep()).isEqualTo(Step.CANCELLED);
    assertThat(report.projectsInDestination()).containsExactly("p-1");
    assertThat(report.projectsInSource()).containsExactly("p-2", "p-3");
    verify(azure, never()).deleteAzureResource(any());
  }

  @Test
  void aCancelDuringASlowTransferWaitsForItsAnswerSoTheReportSaysWhereProjectsAre(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    // Neon: the projects move when the slow POST answers, three seconds in
    AtomicBoolean moved = new AtomicBoolean();
    doAnswer(
            inv -> {
              Thread.sleep(3_000);
              moved.set(true);
              return moved(inv.getArgument(0));
            })
        .when(transfer)
        .transferProjects(any());
    when(verify.countProjects(SOURCE)).thenAnswer(inv -> moved.get() ? 0 : 3);
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitFor(env, workflow, s -> s.step() == Step.TRANSFER);

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(() -> result(workflow)).hasCauseInstanceOf(CanceledFailure.class);
    MigrationReport report = workflow.report();
    assertThat(report.finalStep()).isEqualTo(Step.CANCELLED);
    assertThat(report.projectsInDestination()).containsExactly("p-1", "p-2", "p-3");
    assertThat(report.projectsInSource()).isEmpty();
    assertThat(report.actionsForHumans()).anyMatch(a -> a.contains("3 of 3 projects are in"));
    verify(transfer, times(1)).transferProjects(any());
    verify(azure, never()).deleteAzureResource(any());
  }

  @Test
  void aKeyWhoseSecretWasNotSavedIsAnActionForHumans(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(reconfigure.replaceOrgApiKeys(any()))
        .thenReturn(
            new ApiKeyOutcome(
                List.of("ci-key"),
                List.of(),
                "key drop /secrets/neon",
                List.of(new UnsavedApiKey("ci-key", 4711, "2026-12-01T10:00:00Z", "Ops"))));
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    workflow.approve(approval(Gate.AZURE_DELETION));

    MigrationReport report = result(workflow);

    assertThat(report.replacementApiKeys()).containsExactly("ci-key");
    assertThat(report.actionsForHumans())
        .anyMatch(
            a ->
                a.contains("named ci-key (id 4711")
                    && a.contains("secret was not saved")
                    && a.contains("revoke key 4711"));
  }

  @Test
  void aCancelOnceTheDeletionStartedDoesNotInterruptIt(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    doAnswer(
            inv -> {
              Thread.sleep(3_000);
              return new AzureDeletion(true, false, 4);
            })
        .when(azure)
        .deleteAzureResource(any());
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    workflow.approve(approval(Gate.AZURE_DELETION));
    waitFor(env, workflow, s -> s.step() == Step.DELETE_AZURE);

    WorkflowStub.fromTyped(workflow).cancel();

    // The SDK closes a run whose cancel was requested as Cancelled even when it returns normally;
    // the report tells what really happened: the deletion ran to its end.
    assertThatThrownBy(() -> result(workflow)).hasCauseInstanceOf(CanceledFailure.class);
    MigrationReport report = workflow.report();
    assertThat(report.finalStep()).isEqualTo(Step.COMPLETED);
    assertThat(report.azureResourceDeleted()).isTrue();
    verify(azure, times(1)).deleteAzureResource(any());
  }

  @Test
  void blockedProjectsWaitAtBlockersResolvedAndMoveAfterTheApproval(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    happyPath(List.of(project("p-1"), blockedProject("p-2", "github"), project("p-3")));
    doAnswer(inv -> moved(inv.getArgument(0)))
        // a 422: the integration is still there after the first approval
        .doReturn(
            new TransferOutcome(
                List.of(),
                List.of(new BlockedProject("p-2", "name p-2", List.of("github"))),
                List.of(),
                false))
        .doAnswer(inv -> moved(inv.getArgument(0)))
        .when(transfer)
        .transferProjects(any());
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));

    MigrationStatus waiting = waitAtGate(env, workflow, Gate.BLOCKERS_RESOLVED);
    assertThat(waiting.blockers()).extracting(BlockedProject::projectId).containsExactly("p-2");
    assertThat(waiting.projects()).isEqualTo(new ProjectCounts(3, 2, 1));
    assertThat(waiting.awaitingReason()).contains("p-2 (github)");
    verify(transfer).transferProjects(argThat(c -> c.projectIds().equals(List.of("p-1", "p-3"))));

    workflow.approve(approval(Gate.BLOCKERS_RESOLVED));
    MigrationStatus again =
        waitFor(
            env,
            workflow,
            s ->
                "blockers-resolved".equals(s.awaitingGate())
                    && s.approvals().size() == 1
                    && s.awaitingReason().contains("still blocked"));
    assertThat(again.projects().blocked()).isEqualTo(1);

    workflow.approve(approval(Gate.BLOCKERS_RESOLVED));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    verify(transfer, times(2))
        .transferProjects(argThat(c -> c.projectIds().equals(List.of("p-2"))));
    workflow.approve(approval(Gate.AZURE_DELETION));

    MigrationReport report = result(workflow);
    assertThat(report.projectsInDestination()).containsExactlyInAnyOrder("p-1", "p-2", "p-3");
    assertThat(report.blockers()).isEmpty();
  }

  @Test
  void remindersFireAtTheConfiguredIntervalWhileAGateWaits(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    verify(notifications, never()).notifyOperators(argThat(n -> n.kind().equals("reminder")));

    env.sleep(Duration.ofMinutes(95));

    verify(notifications, times(3))
        .notifyOperators(
            argThat(
                n ->
                    n.kind().equals("reminder")
                        && n.gate().equals("azure-deletion")
                        && n.workflowId().equals(WORKFLOW_ID)));
    workflow.approve(approval(Gate.AZURE_DELETION));
    assertThat(result(workflow).finalStep()).isEqualTo(Step.COMPLETED);
    verify(notifications, never()).remindOperators(any());
  }

  @Test
  void operatorsHearOfTheGateTheApprovalAndTheOutcomeInThatOrder(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    workflow.approve(approval(Gate.AZURE_DELETION));
    assertThat(result(workflow).finalStep()).isEqualTo(Step.COMPLETED);

    org.mockito.ArgumentCaptor<OperatorNotification> sent =
        org.mockito.ArgumentCaptor.forClass(OperatorNotification.class);
    verify(notifications, atLeast(1)).notifyOperators(sent.capture());
    assertThat(sent.getAllValues())
        .extracting(OperatorNotification::kind)
        .containsExactly("gate-opened", "approval-recorded", "completed");
    OperatorNotification completed = sent.getAllValues().get(2);
    assertThat(completed.counts()).containsEntry("transferred", 3).containsEntry("total", 3);
    assertThat(sent.getAllValues().get(1).approved()).isTrue();
  }

  @Test
  void aFailingReminderDoesNotFailTheMigration(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    org.mockito.Mockito.doThrow(new IllegalStateException("webhook down"))
        .when(notifications)
        .notifyOperators(any());
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);

    env.sleep(Duration.ofMinutes(35));

    assertThat(workflow.status().awaitingGate()).isEqualTo("azure-deletion");
    // every reminder is tried (and retried) and dropped; the gate keeps waiting
    verify(notifications, atLeast(3)).notifyOperators(argThat(n -> n.kind().equals("reminder")));
    workflow.approve(approval(Gate.AZURE_DELETION));
    assertThat(result(workflow).finalStep()).isEqualTo(Step.COMPLETED);
  }

  @Test
  void aVerificationProblemFailsTheRunAndDeletesNothing(WorkflowClient client, Worker worker) {
    doReturn(new VerifyOutcome(2, List.of("p-3: endpoint hosts changed")))
        .when(verify)
        .verifyProjects(any());
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));

    assertFailedWith(workflow, "VerificationFailed");
    assertThat(workflow.status().error()).contains("p-3: endpoint hosts changed");
    assertThat(workflow.status().awaitingGate()).isNull();
    verify(azure, never()).deleteAzureResource(any());
  }

  @Test
  void aFailedDiscoveryEndsTheRunWithTheErrorInStatus(WorkflowClient client, Worker worker) {
    when(discovery.checkOrganizations(any()))
        .thenThrow(
            org.neonmigrate.workflows.activities.MigrationFailure.SourceNotAzureManaged.failure(
                "azure-org-1 is managed by console"));
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));

    assertFailedWith(workflow, "SourceNotAzureManaged");
    assertThat(workflow.status().step()).isEqualTo(Step.FAILED);
    assertThat(workflow.status().error())
        .isEqualTo("SourceNotAzureManaged: azure-org-1 is managed by console");
    verifyNoInteractions(transfer, azure);
  }

  @Test
  void aLargeOrgIsMovedInChunksWithABoundedHistory(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    List<ProjectSnapshot> many = projects(1_050);
    happyPath(many);
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    workflow.approve(approval(Gate.AZURE_DELETION));

    MigrationReport report = result(workflow);

    assertThat(report.projectsInDestination()).hasSize(1_050);
    // three pages at DISCOVER, one look at the (empty) source after VERIFY
    verify(discovery, times(4)).inventoryProjects(any());
    List<Integer> transferSizes = new ArrayList<>();
    verify(transfer, times(3))
        .transferProjects(argThat(c -> transferSizes.add(c.projectIds().size())));
    assertThat(transferSizes).allMatch(size -> size <= 400);
    verify(verify, times(3)).verifyProjects(any());
    verify(reconfigure, times(6)).grantCollaborators(any());
    int events = client.fetchHistory(WORKFLOW_ID).getEvents().size();
    // About 150 events: one per activity call and workflow task, not per project.
    assertThat(events).isLessThan(200);
  }

  @Test
  void theDecideUpdateRejectsAGateTheRunIsNotWaitingAt(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);

    assertThatThrownBy(
            () -> workflow.decide(new Decision("plan-upgrade", "alice@example.com", true, "")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("waits at gate azure-deletion")
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(DecisionRefusal.named(f.getOriginalMessage()))
                    .contains(DecisionRefusal.NotWaitingAtGate));
    assertThatThrownBy(
            () -> workflow.decide(new Decision("azure-deletion", "Ops@Example.com", true, "mine")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(DecisionRefusal.named(f.getOriginalMessage()))
                    .contains(DecisionRefusal.FourEyes));
    assertThatThrownBy(
            () -> workflow.decide(new Decision("nonsense", "alice@example.com", true, "")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("unknown gate");
    assertThat(workflow.status().approvals()).isEmpty();

    MigrationStatus after =
        workflow.decide(new Decision("azure-deletion", "alice@example.com", true, "go"));

    assertThat(after.approvals())
        .singleElement()
        .satisfies(a -> assertThat(a.comment()).isEqualTo("go"));
    assertThat(result(workflow).finalStep()).isEqualTo(Step.COMPLETED);
  }

  @Test
  void anInvalidRequestFailsBeforeAnyActivity(WorkflowClient client, Worker worker) {
    MigrationRequest sameOrg =
        new MigrationRequest(
            SOURCE,
            SOURCE,
            new AzureResource("sub", "rg", "name"),
            false,
            "ops",
            false,
            null,
            null);
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), sameOrg);

    assertFailedWith(workflow, "InvalidMigrationRequest");
    assertThat(workflow.status().error()).contains("must differ");
    verifyNoInteractions(discovery, transfer, reconfigure, verify, azure, notifications);
  }

  @Test
  void malformedIdsAndAMissingAzureResourceAreAllReported(WorkflowClient client, Worker worker) {
    MigrationRequest bad =
        new MigrationRequest("Bad_Org!", null, null, false, "ops", false, null, null);
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), bad);

    assertFailedWith(workflow, "InvalidMigrationRequest");
    assertThat(workflow.status().error())
        .contains("sourceOrgId must match")
        .contains("destinationOrgId is required")
        .contains("azure (subscriptionId");
    verifyNoInteractions(discovery, transfer, reconfigure, verify, azure, notifications);
  }

  private static void assertFailedWith(OrgMigrationWorkflow workflow, String failureType) {
    assertThatThrownBy(() -> result(workflow))
        .isInstanceOf(WorkflowFailedException.class)
        .satisfies(
            e -> {
              Throwable cause = e.getCause();
              while (cause.getCause() != null) {
                cause = cause.getCause();
              }
              assertThat(cause).isInstanceOf(ApplicationFailure.class);
              assertThat(((ApplicationFailure) cause).getType()).isEqualTo(failureType);
            });
  }

  private boolean checkedTwice() {
    return org.mockito.Mockito.mockingDetails(discovery).getInvocations().stream()
            .filter(i -> i.getMethod().getName().equals("checkOrganizations"))
            .count()
        >= 2;
  }

  private static String searchAttribute(OrgMigrationWorkflow workflow, String name) {
    return WorkflowStub.fromTyped(workflow)
        .describe()
        .getTypedSearchAttributes()
        .get(
            name.equals("MigrationStep")
                ? MigrationNames.MIGRATION_STEP
                : MigrationNames.SOURCE_ORG_ID);
  }
}
