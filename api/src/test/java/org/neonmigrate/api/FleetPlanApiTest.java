package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /fleet/plan} and {@code GET /fleet/plans/{id}}, against {@link FakeFleetPlan}. */
@MicronautTest(environments = ApiApplication.ENVIRONMENT)
class FleetPlanApiTest extends ApiTestBase {

  private static final String SUB_A = "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  private static final String SUB_B = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

  @Test
  void withoutATokenItIs401() {
    http.post("/fleet/plan", body(newOrgId("p"), List.of(SUB_A), single()), null)
        .assertProblem(401);
    http.get("/fleet/plans/any", null).assertProblem(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {Http.VIEWER, Http.APPROVER})
  void onlyOperatorsPlan(String token) {
    http.post("/fleet/plan", body(newOrgId("p"), List.of(SUB_A), single()), token)
        .assertProblem(403, "operator");
  }

  @Test
  void badSubscriptionIdsUnknownRulesAndEmptyListsAre400ProblemsNamingTheField() {
    http.post("/fleet/plan", body(null, List.of(), single()), Http.OPERATOR)
        .assertProblem(400, "subscriptionIds must list at least one");
    http.post("/fleet/plan", body(null, null, single()), Http.OPERATOR)
        .assertProblem(400, "subscriptionIds must list at least one");
    http.post("/fleet/plan", body(null, List.of(SUB_A, "not-a-guid"), single()), Http.OPERATOR)
        .assertProblem(400, "subscriptionIds[1]", "GUID", "'not-a-guid'");
    http.post("/fleet/plan", body(null, List.of(SUB_A, SUB_A), single()), Http.OPERATOR)
        .assertProblem(400, "subscriptionIds[1] repeats");
    http.post("/fleet/plan", body(null, List.of(SUB_A), Map.of("rule", "nearest")), Http.OPERATOR)
        .assertProblem(400, "destination.rule must be one of single, by-name, none", "'nearest'");
    http.post("/fleet/plan", body(null, List.of(SUB_A), null), Http.OPERATOR)
        .assertProblem(400, "destination.rule is required");
    http.post("/fleet/plan", body(null, List.of(SUB_A), Map.of("rule", "single")), Http.OPERATOR)
        .assertProblem(400, "destination.orgId is required for rule single");
    http.post("/fleet/plan", body(null, List.of(SUB_A), Map.of("rule", "by-name")), Http.OPERATOR)
        .assertProblem(400, "destination.mapping is required for rule by-name");
    http.post(
            "/fleet/plan",
            body(null, List.of(SUB_A), Map.of("rule", "by-name", "mapping", Map.of("a", "B!"))),
            Http.OPERATOR)
        .assertProblem(400, "destination.mapping['a']");
    http.post("/fleet/plan", body("Not An Id", List.of(SUB_A), single()), Http.OPERATOR)
        .assertProblem(400, "planId");
    Map<String, Object> withRequester = body(null, List.of(SUB_A), single());
    withRequester.put("requestedBy", "mallory@example.com");
    assertThat(http.post("/fleet/plan", withRequester, Http.OPERATOR).status()).isEqualTo(400);
  }

  @Test
  void aPlanIsPolledThenItsCsvStartsABatchAsIs() {
    String planId = newOrgId("plan");
    Map<String, Object> body = body(planId, List.of(SUB_A, SUB_B), single());

    Http.Answer started = http.post("/fleet/plan", body, Http.OPERATOR);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.response().header("Location")).isEqualTo("/fleet/plans/" + planId);
    assertThat(started.json())
        .containsEntry("planId", planId)
        .containsEntry("workflowId", "fleet-plan-" + planId);
    assertThat(http.post("/fleet/plan", body, Http.OPERATOR).status()).isEqualTo(200);
    http.post("/fleet/plan", body(planId, List.of(SUB_A), single()), Http.OPERATOR)
        .assertProblem(409, planId);

    Map<String, Object> done = awaitClosed(planId);
    assertThat(done).containsEntry("status", "COMPLETED");
    @SuppressWarnings("unchecked")
    Map<String, Object> plan = (Map<String, Object>) done.get("plan");
    assertThat(plan).containsEntry("requestedBy", "operator@sandbox");
    assertThat((List<?>) plan.get("rows")).hasSize(2);
    assertThat((List<?>) plan.get("strays")).hasSize(1);

    Http.Answer csv = csv(planId, Http.VIEWER);
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body())
        .startsWith(
            "sourceOrgId,destinationOrgId,subscriptionId,resourceGroup,resourceName,dryRun\r\n")
        .contains("src-" + planId + "-1,org-neon-dest," + SUB_A + ",rg-neon_prod.(eu)-1,")
        .contains(",true\r\n");

    Http.Answer batch =
        http.send(
            HttpRequest.POST("/batches?batchId=" + planId, csv.body()).contentType("text/csv"),
            Http.OPERATOR);
    assertThat(batch.status()).as(batch.body()).isEqualTo(202);
    assertThat(batch.json()).containsEntry("total", 2);
  }

  @Test
  void aCsvWithoutDestinationsIsRefusedByTheBatchUntilFilledIn() {
    String planId = newOrgId("none");
    http.post("/fleet/plan", body(planId, List.of(SUB_A), Map.of("rule", "none")), Http.OPERATOR);
    awaitClosed(planId);
    String csv = csv(planId, Http.OPERATOR).body();
    assertThat(csv).contains("src-" + planId + "-1,," + SUB_A);

    http.send(HttpRequest.POST("/batches", csv).contentType("text/csv"), Http.OPERATOR)
        .assertProblem(400, "row 1: destinationOrgId");
    String filled = csv.replace("src-" + planId + "-1,,", "src-" + planId + "-1,org-nm-filled,");
    Http.Answer batch =
        http.send(HttpRequest.POST("/batches", filled).contentType("text/csv"), Http.OPERATOR);
    assertThat(batch.status()).as(batch.body()).isEqualTo(202);
  }

  @Test
  void anArmRefusalFailsThePlanUnderItsNameAndItHasNoCsv() {
    String planId = newOrgId("denied");
    http.post("/fleet/plan", body(planId, List.of(FakeFleetPlan.DENIED), single()), Http.OPERATOR);

    Map<String, Object> failed = awaitClosed(planId);

    assertThat(failed).containsEntry("status", "FAILED");
    assertThat(failed.get("plan")).isNull();
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) failed.get("error");
    assertThat(error).containsEntry("type", "AzureAccessDenied");
    assertThat((String) error.get("message")).contains("403");
    csv(planId, Http.VIEWER).assertProblem(409, "FAILED", "AzureAccessDenied");
  }

  @Test
  void anUnknownPlanIs404() {
    http.get("/fleet/plans/no-such-plan", Http.VIEWER).assertProblem(404, "no-such-plan");
  }

  private Http.Answer csv(String planId, String token) {
    return http.send(HttpRequest.GET("/fleet/plans/" + planId).accept("text/csv"), token);
  }

  private Map<String, Object> awaitClosed(String planId) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    Map<String, Object> answer = Map.of();
    while (Instant.now().isBefore(deadline)) {
      Http.Answer read = http.get("/fleet/plans/" + planId, Http.VIEWER);
      if (read.status() == 200) {
        answer = read.json();
        if (!"RUNNING".equals(answer.get("status"))) {
          return answer;
        }
      }
      sleep(100);
    }
    assertThat(answer.get("status")).as("status of plan " + planId).isNotEqualTo("RUNNING");
    return answer;
  }

  private static Map<String, Object> single() {
    return Map.of("rule", "single", "orgId", "org-neon-dest");
  }

  private static Map<String, Object> body(
      String planId, List<String> subscriptions, Map<String, Object> destination) {
    Map<String, Object> body = new HashMap<>();
    if (planId != null) {
      body.put("planId", planId);
    }
    if (subscriptions != null) {
      body.put("subscriptionIds", subscriptions);
    }
    if (destination != null) {
      body.put("destination", destination);
    }
    return body;
  }
}
