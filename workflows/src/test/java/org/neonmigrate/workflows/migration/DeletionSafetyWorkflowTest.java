package org.neonmigrate.workflows.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.neonmigrate.workflows.activities.AzureDeletion;
import org.neonmigrate.workflows.activities.MigrationFailure;

/**
 * The workflow's side of the deletion rules: who may approve, what a refusal does, late projects.
 */
class DeletionSafetyWorkflowTest extends MigrationFixtures {

  @RegisterExtension final TestWorkflowExtension testWorkflow = extension();

  @BeforeEach
  void defaults() {
    happyPath();
  }

  @Test
  void aSelfApprovalSentThroughTemporalKeepsTheGateWaitingAndASecondPersonOpensIt(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);

    // the run was requested by ops@example.com; the same person, differently cased
    workflow.approve(new Approval("azure-deletion", "OPS@example.com", "mine, approved"));
    env.sleep(java.time.Duration.ofSeconds(5));

    MigrationStatus status = workflow.status();
    assertThat(status.awaitingGate()).isEqualTo("azure-deletion");
    assertThat(status.approvals()).isEmpty();
    assertThat(status.refusedDecisions())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.approver()).isEqualTo("OPS@example.com");
              assertThat(r.reason()).contains("another person must approve");
            });
    verify(azure, never()).deleteAzureResource(any());

    workflow.approve(approval(Gate.AZURE_DELETION));
    assertThat(result(workflow).finalStep()).isEqualTo(Step.COMPLETED);
    verify(azure, times(1)).deleteAzureResource(any());
  }

  @Test
  void aRunWithoutRequestedByIsRefusedBeforeAnyActivity(WorkflowClient client, Worker worker) {
    MigrationRequest anonymous =
        new MigrationRequest(
            SOURCE, DESTINATION, request(false).azure(), false, " ", false, null, null);
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), anonymous);

    assertThatThrownBy(() -> result(workflow))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .hasMessageContaining("requestedBy is required");
    verifyNoInteractions(discovery, azure);
  }

  @Test
  void aWrongAzureResourceEndsTheRunAtDiscoveryBeforeAnythingMoves(
      WorkflowClient client, Worker worker) {
    when(azure.proveAzureResource(any()))
        .thenThrow(
            MigrationFailure.AzureResourceNotFound.failure(
                "ARM has no ... (404 ResourceGroupNotFound)"));
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));

    assertThatThrownBy(() -> result(workflow)).isInstanceOf(WorkflowFailedException.class);
    assertThat(workflow.status().step()).isEqualTo(Step.FAILED);
    assertThat(workflow.status().error()).startsWith("AzureResourceNotFound:");
    verifyNoInteractions(transfer, reconfigure);
    verify(azure, never()).deleteAzureResource(any());
  }

  @Test
  void theDeletionIsBoundToTheResourceProvenAtDiscovery(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    MigrationStatus waiting = waitAtGate(env, workflow, Gate.AZURE_DELETION);
    assertThat(waiting.azureResource()).contains(RESOURCE_ID).contains(SOURCE);
    assertThat(waiting.awaitingReason()).contains(RESOURCE_ID);

    workflow.approve(approval(Gate.AZURE_DELETION));
    assertThat(result(workflow).azureDeletion()).isEqualTo(AzureDeletionState.DELETED);
    verify(azure).deleteAzureResource(argThat(in -> RESOURCE_ID.equals(in.provenResourceId())));
  }

  @Test
  void aProjectCreatedInTheSourceDuringTheMoveIsMovedBeforeTheGateOpens(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    leftInSource.add(project("p-late"));
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));

    MigrationStatus waiting = waitAtGate(env, workflow, Gate.AZURE_DELETION);

    assertThat(waiting.projects()).isEqualTo(new ProjectCounts(4, 4, 0));
    assertThat(waiting.awaitingReason()).contains("all 4 projects verified");
    verify(transfer).transferProjects(argThat(c -> c.projectIds().equals(List.of("p-late"))));
    verify(verify)
        .verifyProjects(
            argThat(
                in ->
                    in.projects().size() == 1
                        && in.projects().get(0).projectId().equals("p-late")));
  }

  @Test
  void aProjectCreatedAfterTheApprovalIsMovedAndTheApprovalIsAskedForAgain(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    AtomicInteger deletions = new AtomicInteger();
    doAnswer(
            inv -> {
              if (deletions.incrementAndGet() == 1) {
                // someone created a project in the Console after VERIFY: the interlock refuses
                synchronized (this) {
                  leftInSource.add(project("p-new"));
                }
                throw MigrationFailure.SourceOrgNotEmpty.failure("source still has p-new");
              }
              return new AzureDeletion(true, false, 2);
            })
        .when(azure)
        .deleteAzureResource(any());
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    workflow.approve(approval(Gate.AZURE_DELETION));

    MigrationStatus again =
        waitFor(
            env,
            workflow,
            s -> "azure-deletion".equals(s.awaitingGate()) && s.projects().total() == 4);

    assertThat(again.awaitingReason()).contains("1 project(s) appeared in the source");
    assertThat(again.awaitingReason()).contains("approve again");
    assertThat(again.projects()).isEqualTo(new ProjectCounts(4, 4, 0));
    verify(transfer).transferProjects(argThat(c -> c.projectIds().equals(List.of("p-new"))));

    workflow.approve(new Approval("azure-deletion", "bob@example.com", "re-checked"));
    MigrationReport report = result(workflow);
    assertThat(report.finalStep()).isEqualTo(Step.COMPLETED);
    assertThat(report.projectsInDestination()).contains("p-new");
    assertThat(report.approvals()).hasSize(2);
  }

  @Test
  void aRefusedDeletionWaitsWithTheReasonAndAHumanCanHaveItCheckAgain(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(azure.deleteAzureResource(any()))
        .thenThrow(
            MigrationFailure.AzureDeletionRefused.failure(
                "Neon says source org azure-org-1 does not exist, while ARM says it exists"))
        .thenReturn(new AzureDeletion(true, false, 2));
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    workflow.approve(approval(Gate.AZURE_DELETION));

    MigrationStatus refused =
        waitFor(
            env,
            workflow,
            s ->
                "azure-deletion".equals(s.awaitingGate())
                    && s.awaitingReason().contains("refused"));
    assertThat(refused.step()).isEqualTo(Step.AZURE_DELETION);
    assertThat(refused.awaitingReason())
        .contains("nothing was deleted")
        .contains("does not exist, while ARM says it exists")
        .contains("check again");
    assertThat(refused.azureDeletion()).isEqualTo(AzureDeletionState.NOT_SENT);
    assertThat(refused.error()).isNull();

    workflow.approve(new Approval("azure-deletion", "bob@example.com", "Neon is back"));
    assertThat(result(workflow).finalStep()).isEqualTo(Step.COMPLETED);
    verify(azure, times(2)).deleteAzureResource(any());
  }

  @Test
  void aRejectionAfterAnUnknownOutcomeSaysTheDeleteWasSent(
      TestWorkflowEnvironment env, WorkflowClient client, Worker worker) {
    when(azure.deleteAzureResource(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "DELETE sent, outcome unknown: ARM answered 404 (no body)",
                MigrationFailure.AzureDeletionOutcomeUnknown.name()));
    OrgMigrationWorkflow workflow = start(client, worker.getTaskQueue(), request(false));
    waitAtGate(env, workflow, Gate.AZURE_DELETION);
    workflow.approve(approval(Gate.AZURE_DELETION));
    MigrationStatus unknown =
        waitFor(
            env,
            workflow,
            s ->
                "azure-deletion".equals(s.awaitingGate())
                    && s.azureDeletion() == AzureDeletionState.OUTCOME_UNKNOWN);
    assertThat(unknown.awaitingReason()).contains("Azure portal");

    workflow.reject(new Rejection("azure-deletion", "bob@example.com", "will check by hand"));

    assertThatThrownBy(() -> result(workflow)).isInstanceOf(WorkflowFailedException.class);
    MigrationReport report = workflow.report();
    assertThat(report.azureDeletion()).isEqualTo(AzureDeletionState.OUTCOME_UNKNOWN);
    assertThat(report.azureResourceDeleted()).isFalse();
    assertThat(report.actionsForHumans())
        .anyMatch(a -> a.contains("was sent and its outcome is unknown"));
  }
}
