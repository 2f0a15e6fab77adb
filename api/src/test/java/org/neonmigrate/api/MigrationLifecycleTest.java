package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.MigrationNames;

@MicronautTest(environments = ApiApplication.ENVIRONMENT)
class MigrationLifecycleTest extends ApiTestBase {

  @Test
  void startingAMigrationAnswers202WithTheRunAndWhereToWatchIt() {
    String org = newOrgId("start");

    Http.Answer answer = start(org, Http.OPERATOR);

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    Map<String, Object> body = answer.json();
    assertThat(body)
        .containsEntry("id", org)
        .containsEntry("workflowId", "org-migration-" + org)
        .containsEntry("statusUrl", "/migrations/" + org);
    assertThat((String) body.get("runId")).isNotBlank();
    assertThat(answer.response().getHeaders().get("Location")).isEqualTo("/migrations/" + org);
    Map<String, Object> status = awaitStep(org, "AZURE_DELETION");
    assertThat(status).containsEntry("awaitingGate", "azure-deletion").containsEntry("error", null);
  }

  @Test
  void theRunRecordsTheCallerAsRequesterAndCarriesSummaryAndSearchAttributes() {
    String org = newOrgId("meta");
    start(org, Http.OPERATOR);

    var description =
        EmbeddedTemporal.get().client.newUntypedWorkflowStub("org-migration-" + org).describe();

    assertThat(description.getStaticSummary()).contains(org).contains("org-neon-dest");
    assertThat(description.getTypedSearchAttributes().get(MigrationNames.SOURCE_ORG_ID))
        .isEqualTo(org);
    Map<String, Object> report = http.get("/migrations/" + org + "/report", Http.VIEWER).json();
    assertThat(String.valueOf(report.get("actionsForHumans")))
        .contains("requested by operator@sandbox");
  }

  @Test
  void startingTheSameMigrationAgainAnswers200WithTheRunningOne() {
    String org = newOrgId("same");
    Map<String, Object> first = start(org, Http.OPERATOR).json();

    Http.Answer again = start(org, Http.TWO_HATS);

    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json()).containsEntry("runId", first.get("runId"));
  }

  @Test
  void startingTheSameOrgWithOtherParametersIsAConflict() {
    String org = newOrgId("other");
    start(org, Http.OPERATOR);
    Map<String, Object> changed = startBody(org);
    changed.put("destinationOrgId", "org-somewhere-else");
    changed.put("dryRun", true);

    http.post("/migrations", changed, Http.OPERATOR)
        .assertProblem(409, "destinationOrgId", "dryRun");
  }

  @Test
  void statusOfAnUnknownMigrationIs404() {
    http.get("/migrations/no-such-org", Http.VIEWER).assertProblem(404, "no-such-org");
    http.get("/migrations/no-such-org/report", Http.VIEWER).assertProblem(404, "no-such-org");
    http.post("/migrations/no-such-org/cancel", null, Http.OPERATOR).assertProblem(404);
    http.post("/migrations/no-such-org/approvals", Map.of("gate", "azure-deletion"), Http.APPROVER)
        .assertProblem(404);
  }

  @Test
  void approvalAtAGateTheRunIsNotWaitingAtIsAConflict() {
    String org = newOrgId("wronggate");
    start(org, Http.OPERATOR);
    awaitStep(org, "AZURE_DELETION");

    Http.Answer refused =
        http.post(
                "/migrations/" + org + "/approvals", Map.of("gate", "plan-upgrade"), Http.APPROVER)
            .assertProblem(409, "plan-upgrade", "AZURE_DELETION");
    assertThat(refused.json().get("type").toString()).endsWith(":not-waiting-at-gate");
  }

  @Test
  void theDeletionIsApprovedBySomeoneElseThanTheRequester() {
    String org = newOrgId("foureyes");
    start(org, Http.TWO_HATS);
    awaitStep(org, "AZURE_DELETION");

    Http.Answer selfApproval =
        http.post(
                "/migrations/" + org + "/approvals",
                Map.of("gate", "azure-deletion", "comment", "mine"),
                Http.TWO_HATS)
            .assertProblem(403, "twohats@test", "someone else");
    assertThat(selfApproval.json().get("type").toString()).endsWith(":four-eyes");

    Http.Answer approved =
        http.post(
            "/migrations/" + org + "/approvals",
            Map.of("gate", "azure-deletion", "comment", "verified in the console"),
            Http.APPROVER);
    assertThat(approved.status()).as(approved.body()).isEqualTo(202);
    // the answer is the status once the run recorded the approval (it may already have moved on)
    assertThat(approved.json().get("approvals").toString()).contains("approver@sandbox");
    Map<String, Object> status = awaitStep(org, "DELETE_AZURE");
    assertThat(status.get("approvals").toString())
        .contains("approver@sandbox")
        .contains("verified in the console");
  }

  @Test
  void cancelIsRefusedOnceTheAzureDeletionStartedAndAfterTheRunClosed() {
    String org = newOrgId("late");
    start(org, Http.OPERATOR);
    awaitStep(org, "AZURE_DELETION");
    http.post("/migrations/" + org + "/approvals", Map.of("gate", "azure-deletion"), Http.APPROVER);
    awaitStep(org, "DELETE_AZURE");

    http.post("/migrations/" + org + "/cancel", null, Http.OPERATOR)
        .assertProblem(409, "DELETE_AZURE");

    signalFake(org, FakeOrgMigration.FINISH_DELETION);
    awaitStep(org, "COMPLETED");
    awaitClosed(org);
    http.post("/migrations/" + org + "/cancel", null, Http.OPERATOR)
        .assertProblem(409, "COMPLETED");
    http.post("/migrations/" + org + "/approvals", Map.of("gate", "azure-deletion"), Http.APPROVER)
        .assertProblem(409, "COMPLETED");
    Map<String, Object> report = http.get("/migrations/" + org + "/report", Http.VIEWER).json();
    assertThat(report)
        .containsEntry("finalStep", "COMPLETED")
        .containsEntry("azureResourceDeleted", true);
  }

  @Test
  void cancelBeforeTheDeletionStopsTheRun() {
    String org = newOrgId("cancel");
    start(org, Http.OPERATOR);
    awaitStep(org, "AZURE_DELETION");

    Http.Answer cancelled = http.post("/migrations/" + org + "/cancel", null, Http.OPERATOR);

    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
    assertThat(cancelled.json()).containsEntry("workflowId", "org-migration-" + org);
    awaitClosed(org);
    http.post("/migrations/" + org + "/cancel", null, Http.OPERATOR).assertProblem(409, "CANCELED");
  }

  @Test
  void aRejectionIsAcceptedAtTheGateTheRunWaitsAt() {
    String org = newOrgId("reject");
    start(org, Http.OPERATOR);
    awaitStep(org, "AZURE_DELETION");

    Http.Answer rejected =
        http.post(
            "/migrations/" + org + "/rejections",
            Map.of("gate", "azure-deletion", "reason", "customer asked to wait"),
            Http.APPROVER);

    assertThat(rejected.status()).as(rejected.body()).isEqualTo(202);
    assertThat(rejected.json().get("approvals").toString()).contains("customer asked to wait");
    http.post(
            "/migrations/" + org + "/rejections",
            Map.of("gate", "plan-upgrade", "reason", "no"),
            Http.APPROVER)
        .assertProblem(409);
  }

  private void awaitClosed(String org) {
    for (int i = 0; i < 150; i++) {
      var status =
          EmbeddedTemporal.get()
              .client
              .newUntypedWorkflowStub("org-migration-" + org)
              .describe()
              .getStatus();
      if (status
          != io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError(org + " did not close");
  }
}
