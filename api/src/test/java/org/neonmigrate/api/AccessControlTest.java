package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest(environments = ApiApplication.ENVIRONMENT)
class AccessControlTest extends ApiTestBase {

  @Test
  void everyMigrationEndpointAnswers401ProblemWithoutAValidToken() {
    Http.Answer none = http.get("/migrations", null).assertProblem(401, "Bearer");
    assertThat(none.response().getHeaders().get("WWW-Authenticate")).isEqualTo("Bearer");
    http.get("/migrations/some-org", "not-a-configured-token").assertProblem(401);
    http.post("/migrations", startBody("some-org"), null).assertProblem(401);
    http.post("/migrations/some-org/cancel", null, "sandbox-operatorx").assertProblem(401);
    Http.Answer basic =
        http.send(HttpRequest.GET("/migrations").basicAuth("operator@sandbox", "x"), null);
    basic.assertProblem(401);
  }

  @Test
  void anUnauthenticatedOversizeOrMalformedRequestStillGets401NotAServerError() {
    http.send(
            HttpRequest.POST("/migrations", "{\"sourceOrgId\": ").contentType("application/json"),
            null)
        .assertProblem(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {Http.VIEWER, Http.APPROVER})
  void onlyOperatorsStartMigrations(String token) {
    http.post("/migrations", startBody(newOrgId("denied")), token).assertProblem(403, "operator");
  }

  @ParameterizedTest
  @ValueSource(strings = {Http.VIEWER, Http.APPROVER})
  void onlyOperatorsCancel(String token) {
    http.post("/migrations/some-org/cancel", null, token).assertProblem(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {Http.VIEWER, Http.OPERATOR})
  void onlyApproversDecide(String token) {
    http.post("/migrations/some-org/approvals", Map.of("gate", "azure-deletion"), token)
        .assertProblem(403);
    http.post(
            "/migrations/some-org/rejections",
            Map.of("gate", "azure-deletion", "reason", "no"),
            token)
        .assertProblem(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {Http.VIEWER, Http.OPERATOR, Http.APPROVER})
  void everyRoleReads(String token) {
    assertThat(http.get("/migrations", token).status()).isEqualTo(200);
    http.get("/migrations/unknown-org", token).assertProblem(404);
  }

  @Test
  void healthAndTheApiDescriptionAreOpen() {
    Http.Answer health = http.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).contains("UP");

    Http.Answer ui = http.get("/swagger-ui/index.html", null);
    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body()).contains("neonmigrate-api-0.1.yml");

    Http.Answer spec = http.get("/swagger/neonmigrate-api-0.1.yml", null);
    assertThat(spec.status()).isEqualTo(200);
    assertThat(spec.body()).contains("/migrations/{sourceOrgId}/approvals").contains("bearer");
  }

  @Test
  void theApiDescriptionIsReadOnly() {
    assertThat(http.post("/swagger/neonmigrate-api-0.1.yml", Map.of(), null).status())
        .isIn(401, 403, 405);
  }
}
