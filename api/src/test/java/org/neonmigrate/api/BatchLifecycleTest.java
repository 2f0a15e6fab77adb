package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = ApiApplication.ENVIRONMENT)
class BatchLifecycleTest extends BatchTestSupport {

  @Test
  @SuppressWarnings("unchecked")
  void aJsonBatchWaitsAtTheGateIsApprovedBySomeoneElseAndReportsEveryOrg() {
    String batchId = newOrgId("approve");
    List<String> orgs = orgIds("appr", 3);
    Map<String, Object> body = batchBody(batchId, 3, orgs);

    Http.Answer started = http.post("/batches", body, Http.TWO_HATS);

    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.response().header("Location")).isEqualTo("/batches/" + batchId);
    assertThat(started.json())
        .containsEntry("batchId", batchId)
        .containsEntry("workflowId", "batch-" + batchId)
        .containsEntry("statusUrl", "/batches/" + batchId)
        .containsEntry("reportUrl", "/batches/" + batchId + "/report")
        .containsEntry("total", 3);

    Map<String, Object> atGate = awaitProgress(batchId, p -> number(p, "awaitingHumanCount") == 3);
    assertThat((Map<String, Object>) atGate.get("awaitingByGate"))
        .containsEntry("azure-deletion", 3);
    assertThat((List<Map<String, Object>>) atGate.get("waves"))
        .singleElement()
        .satisfies(w -> assertThat(w).containsEntry("waiting", 3).containsEntry("size", 3));
    Map<String, Object> waitingReport =
        http.get("/batches/" + batchId + "/report", Http.VIEWER).json();
    assertThat((List<Map<String, Object>>) waitingReport.get("orgs"))
        .allSatisfy(row -> assertThat(row).containsEntry("awaitingGate", "azure-deletion"))
        .allSatisfy(row -> assertThat(row.get("awaitingSince")).isNotNull())
        .extracting(row -> row.get("sourceOrgId"))
        .containsExactlyElementsOf(orgs);

    Map<String, Object> approval = Map.of("gate", "azure-deletion", "comment", "all verified");
    http.post("/batches/" + batchId + "/approvals", approval, Http.TWO_HATS)
        .assertProblem(403, "twohats@test", "someone else");
    Http.Answer approved = http.post("/batches/" + batchId + "/approvals", approval, Http.APPROVER);
    assertThat(approved.status()).as(approved.body()).isEqualTo(202);
    assertThat(approved.json()).containsEntry("waiting", 3);

    // past the gate, deleting: they hold their slots again
    awaitProgress(batchId, p -> number(p, "working") == 3 && number(p, "awaitingHumanCount") == 0);
    orgs.forEach(org -> signalFake(org, FakeOrgMigration.FINISH_DELETION));
    awaitClosed(batchId);

    Map<String, Object> report = http.get("/batches/" + batchId + "/report", Http.VIEWER).json();
    assertThat(report).containsEntry("completed", 3).containsEntry("total", 3);
    assertThat((List<Map<String, Object>>) report.get("orgs"))
        .extracting(row -> row.get("sourceOrgId"))
        .containsExactlyElementsOf(orgs);
    assertThat((List<Map<String, Object>>) report.get("orgs"))
        .allSatisfy(row -> assertThat(row).containsEntry("step", "COMPLETED"))
        .allSatisfy(row -> assertThat((String) row.get("approvals")).contains("approver@sandbox"));

    Http.Answer csv =
        http.send(
            HttpRequest.GET("/batches/" + batchId + "/report").accept("text/csv"), Http.VIEWER);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("sourceOrgId,step,awaitingGate,finished,projectsMoved,blockers,approvals,error");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1))
        .startsWith(orgs.get(0) + ",COMPLETED,,true,3,0,azure-deletion approver@sandbox ");

    assertThat(http.post("/batches", body, Http.OPERATOR).status()).isEqualTo(200);
    body.put("concurrency", 2);
    http.post("/batches", body, Http.OPERATOR).assertProblem(409, batchId);
    http.post("/batches/" + batchId + "/approvals", approval, Http.APPROVER)
        .assertProblem(409, "COMPLETED");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCsvBatchStartsWithQueryParametersAndCancellingItCancelsItsChildren() {
    String batchId = newOrgId("csv");
    List<String> orgs = orgIds("csv", 2);

    Http.Answer started =
        postCsv("?batchId=" + batchId + "&concurrency=2", csv(orgs), Http.OPERATOR);

    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json()).containsEntry("batchId", batchId).containsEntry("total", 2);
    awaitProgress(batchId, p -> number(p, "awaitingHumanCount") == 2);
    assertThat(postCsv("?batchId=" + batchId + "&concurrency=2", csv(orgs), Http.OPERATOR).status())
        .isEqualTo(200);

    Http.Answer cancelled = http.post("/batches/" + batchId + "/cancel", null, Http.OPERATOR);
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
    awaitClosed(batchId);

    http.post("/batches/" + batchId + "/cancel", null, Http.OPERATOR)
        .assertProblem(409, "CANCELED");
    Map<String, Object> report = http.get("/batches/" + batchId + "/report", Http.VIEWER).json();
    assertThat((List<Map<String, Object>>) report.get("orgs")).hasSize(2);
    sleep(500);
    orgs.forEach(org -> awaitStep(org, "CANCELLED"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchOfTwentyThousandIsAcceptedInWavesAndCanBePausedAndResumed() {
    String batchId = newOrgId("big");
    // held children keep their slot, so with one slot only the first one ever starts
    List<String> orgs = orgIds("held-big", 20_000);

    Http.Answer started = http.post("/batches", batchBody(batchId, 1, orgs), Http.OPERATOR);

    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json()).containsEntry("total", 20_000);
    Map<String, Object> progress =
        awaitProgress(batchId, p -> number(p, "started") == 1 && number(p, "wavesNotArrived") == 0);
    assertThat(progress).containsEntry("total", 20_000).containsEntry("notStarted", 19_999);
    assertThat((List<Map<String, Object>>) progress.get("waves")).hasSize(80);

    Map<String, Object> reason = Map.of("reason", "Neon maintenance window");
    assertThat(http.post("/batches/" + batchId + "/pause", reason, Http.OPERATOR).status())
        .isEqualTo(202);
    assertThat(http.get("/batches/" + batchId, Http.VIEWER).json())
        .containsEntry("pausedBy", "operator@sandbox")
        .containsEntry("pauseReason", "Neon maintenance window");
    assertThat(http.post("/batches/" + batchId + "/resume", Map.of(), Http.OPERATOR).status())
        .isEqualTo(202);
    assertThat(http.get("/batches/" + batchId, Http.VIEWER).json()).containsEntry("pausedBy", null);

    assertThat(http.post("/batches/" + batchId + "/cancel", null, Http.OPERATOR).status())
        .isEqualTo(202);
    awaitClosed(batchId);
  }
}
