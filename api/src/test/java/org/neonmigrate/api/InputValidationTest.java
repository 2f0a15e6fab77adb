package org.neonmigrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@MicronautTest(environments = ApiApplication.ENVIRONMENT)
class InputValidationTest extends ApiTestBase {

  @Inject EmbeddedServer server;

  static Stream<Arguments> invalidStarts() {
    return Stream.of(
        invalid("sourceOrgId", b -> b.put("sourceOrgId", "Org_With_Caps"), "lowercase letters"),
        invalid("sourceOrgId", b -> b.put("sourceOrgId", "a".repeat(61)), "1 to 60"),
        invalid("sourceOrgId", b -> b.remove("sourceOrgId"), "is required"),
        invalid("destinationOrgId", b -> b.put("destinationOrgId", "org.with.dots"), "1 to 60"),
        invalid("azure", b -> b.remove("azure"), "is required"),
        invalid("dryRun", b -> b.remove("dryRun"), "is required"),
        invalid("subscriptionId", b -> azure(b).put("subscriptionId", "not-a-guid"), "GUID"),
        invalid("resourceGroup", b -> azure(b).put("resourceGroup", "rg-ends-with."), "period"),
        invalid("resourceGroup", b -> azure(b).put("resourceGroup", "a".repeat(91)), "1 to 90"),
        invalid("resourceGroup", b -> azure(b).put("resourceGroup", "rg/slash"), "letters"),
        invalid("resourceGroup", b -> azure(b).put("resourceGroup", ""), "azure.resourceGroup"),
        invalid("resourceName", b -> azure(b).put("resourceName", "-starts-badly"), "start with"),
        invalid("resourceName", b -> azure(b).put("resourceName", "a".repeat(51)), "1 to 50"),
        invalid("resourceName", b -> azure(b).put("resourceName", "semi;colon"), "colons"),
        invalid("reminderIntervalMinutes", b -> b.put("reminderIntervalMinutes", 0), "at least 1"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("invalidStarts")
  void anInvalidStartIs400NamingTheFieldAndTheRule(
      String field, Consumer<Map<String, Object>> breakIt, String rule) {
    Map<String, Object> body = startBody(newOrgId("invalid"));
    breakIt.accept(body);

    http.post("/migrations", body, Http.OPERATOR).assertProblem(400, field, rule);
  }

  @Test
  void theSameOrgOnBothSidesIs400() {
    Map<String, Object> body = startBody("same-org");
    body.put("destinationOrgId", "same-org");

    http.post("/migrations", body, Http.OPERATOR).assertProblem(400, "destinationOrgId");
  }

  @Test
  void requestedByIsNotABodyFieldButTheCallersIdentity() {
    Map<String, Object> body = startBody(newOrgId("spoof"));
    body.put("requestedBy", "someone-else@example.com");

    http.post("/migrations", body, Http.OPERATOR).assertProblem(400, "requestedBy");
  }

  @Test
  void aMisspelledFieldIsRejectedRatherThanIgnored() {
    Map<String, Object> body = startBody(newOrgId("typo"));
    body.remove("dryRun");
    body.put("dryrun", true);

    http.post("/migrations", body, Http.OPERATOR).assertProblem(400, "dryrun");
  }

  @Test
  void malformedJsonIs400() {
    http.send(
            HttpRequest.POST("/migrations", "{\"sourceOrgId\": \"abc\",")
                .contentType("application/json"),
            Http.OPERATOR)
        .assertProblem(400);
    http.send(
            HttpRequest.POST("/migrations", "[1, 2]").contentType("application/json"),
            Http.OPERATOR)
        .assertProblem(400, "JSON object");
    http.send(HttpRequest.POST("/migrations", "42").contentType("application/json"), Http.OPERATOR)
        .assertProblem(400, "JSON object");
    http.send(
            HttpRequest.POST("/migrations", "{\"dryRun\": \"perhaps\"}")
                .contentType("application/json"),
            Http.OPERATOR)
        .assertProblem(400, "dryRun");
  }

  @Test
  void otherMistakesGetClientErrorProblemsToo() {
    http.send(
            HttpRequest.POST("/migrations", "sourceOrgId=x").contentType("text/plain"),
            Http.OPERATOR)
        .assertProblem(415);
    http.send(HttpRequest.POST("/migrations", "").contentType("application/json"), Http.OPERATOR)
        .assertProblem(400);
    http.get("/no-such-endpoint", Http.VIEWER).assertProblem(404);
    http.send(HttpRequest.DELETE("/migrations/some-org"), Http.OPERATOR).assertProblem(405, "GET");
  }

  @Test
  void anOversizeBodyIs413() {
    Map<String, Object> body = startBody(newOrgId("big"));
    body.put("padding", "x".repeat(70_000));

    http.post("/migrations", body, Http.OPERATOR).assertProblem(413, "64 KB");
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() throws Exception {
    Map<String, Object> body = startBody(newOrgId("chunked"));
    body.put("padding", "x".repeat(1_000_000));

    ChunkedPost.sendWhole(
            server.getPort(),
            "/migrations",
            "application/json",
            Http.OPERATOR,
            JsonMapper.createDefault().writeValueAsBytes(body))
        .assertProblem(413, "64 KB");
  }

  @Test
  void aChunkedBodyIsRefusedOnceItPassesTheLimitWithoutWaitingForItsEnd() {
    // 128 KB of a body whose end never comes: only an answer at the limit can arrive in time
    Http.Answer answer =
        ChunkedPost.send(
            server.getPort(),
            "/migrations",
            "application/json",
            Http.OPERATOR,
            ChunkedPost.body("{\"padding\": \"", 16, 8192, 'x'),
            false,
            Duration.ofSeconds(20));

    answer.assertProblem(413, "64 KB");
  }

  @Test
  void aSmallChunkedBodyIsReadAsAny() {
    String org = newOrgId("small-chunked");
    String body =
        "{\"sourceOrgId\": \"%s\", \"destinationOrgId\": \"org-neon-dest\",".formatted(org)
            + " \"azure\": {\"subscriptionId\": \"6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\","
            + " \"resourceGroup\": \"rg\", \"resourceName\": \"neon-org\"}, \"dryRun\": true}";

    Http.Answer answer =
        ChunkedPost.sendWhole(
            server.getPort(),
            "/migrations",
            "application/json",
            Http.OPERATOR,
            body.getBytes(StandardCharsets.UTF_8));

    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
  }

  @Test
  void anUnknownGateIs400() {
    http.post("/migrations/some-org/approvals", Map.of("gate", "everything"), Http.APPROVER)
        .assertProblem(400, "gate", "plan-upgrade, blockers-resolved, azure-deletion");
    http.post(
            "/migrations/some-org/rejections",
            Map.of("gate", "azure-deletion", "reason", " "),
            Http.APPROVER)
        .assertProblem(400, "reason");
  }

  @Test
  void aMalformedOrgIdInThePathIs400() {
    http.get("/migrations/NOT_AN_ORG", Http.VIEWER).assertProblem(400, "lowercase letters");
    http.post("/migrations/NOT_AN_ORG/cancel", null, Http.OPERATOR).assertProblem(400);
  }

  @Test
  void anUnknownStepFilterIs400() {
    http.get("/migrations?step=SOMEWHERE", Http.VIEWER).assertProblem(400, "AZURE_DELETION");
  }

  private static Arguments invalid(
      String field, Consumer<Map<String, Object>> breakIt, String rule) {
    return Arguments.of(field, breakIt, rule);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> azure(Map<String, Object> body) {
    Map<String, Object> azure = new HashMap<>((Map<String, Object>) body.get("azure"));
    body.put("azure", azure);
    return azure;
  }
}
