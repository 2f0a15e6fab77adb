package org.neonmigrate.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.Sandbox;
import org.neonmigrate.sandbox.SandboxOptions;

/**
 * An operator's whole migration through the REST API, as README tells it with curl: the sandbox
 * with its in-process worker and API, real HTTP everywhere, two people with two tokens.
 */
class ApiEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String OPERATOR = "sandbox-operator";
  private static final String APPROVER = "sandbox-approver";
  private static final String VIEWER = "sandbox-viewer";

  private static Sandbox sandbox;
  private static String api;

  @BeforeAll
  static void startSystem() throws Exception {
    sandbox =
        Sandbox.start(
            SandboxOptions.parse(
                "--neon-port",
                "0",
                "--arm-port",
                "0",
                // not the dev server's default folder: it keeps runs, also between test runs
                "--temporal",
                "in-memory",
                "--temporal-port",
                "0",
                "--worker-port",
                "0",
                "--api-port",
                "0"));
    api = sandbox.apiUrl().orElseThrow();
  }

  @AfterAll
  static void stopSystem() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void anOperatorStartsAndAnotherPersonApprovesAPaidOrgsMigrationToTheEnd() throws Exception {
    String id = "org-az-fabrikam-scale";
    String body =
        """
        {"sourceOrgId":"org-az-fabrikam-scale","destinationOrgId":"org-nm-fabrikam-scale",
         "azure":{"subscriptionId":"00000000-0000-4000-8000-0000000a2e5d",
                  "resourceGroup":"neon-sandbox-rg","resourceName":"fabrikam-scale"},
         "dryRun":false}""";

    HttpResponse<String> started = call("POST", "/migrations", OPERATOR, body);
    assertThat(started.statusCode()).isEqualTo(202);
    assertThat(started.headers().firstValue("Location")).hasValue("/migrations/" + id);
    assertThat(call("POST", "/migrations", OPERATOR, body).statusCode()).isEqualTo(200);

    awaitStatus(id, s -> "plan-upgrade".equals(s.path("awaitingGate").asText(null)));
    assertThat(approve(id, "plan-upgrade", OPERATOR).statusCode()).isEqualTo(403);
    setPlan("org-nm-fabrikam-scale", "scale");
    assertThat(approve(id, "plan-upgrade", APPROVER).statusCode()).isEqualTo(202);

    JsonNode waiting =
        awaitStatus(id, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));
    assertThat(waiting.path("projects").path("transferred").asInt()).isEqualTo(12);
    assertThat(approve(id, "plan-upgrade", APPROVER).statusCode()).isEqualTo(409);
    assertThat(approve(id, "azure-deletion", APPROVER).statusCode()).isEqualTo(202);

    awaitStatus(id, s -> "COMPLETED".equals(s.path("step").asText()));
    JsonNode report =
        JSON.readTree(call("GET", "/migrations/" + id + "/report", VIEWER, null).body());
    assertThat(report.get("azureResourceDeleted").asBoolean()).isTrue();
    assertThat(report.get("projectsInDestination")).hasSize(12);
    assertThat(report.get("approvals").findValuesAsText("approver"))
        .containsOnly("approver@sandbox");
    JsonNode listed = JSON.readTree(call("GET", "/migrations?step=COMPLETED", VIEWER, null).body());
    assertThat(listed.get("migrations").findValuesAsText("id")).contains(id);
    JsonNode deletions = getJson(sandbox.simulators().arm().baseUrl() + "/_sim/deletions");
    assertThat(deletions).hasSize(1);
    assertThat(deletions.get(0).get("projectsInOrg").asInt()).isZero();
  }

  @Test
  void aCancelledMigrationStopsBeforeDeletionAndItsReportSaysWhereProjectsAre() throws Exception {
    String id = "org-az-contoso-free";
    String body =
        """
        {"sourceOrgId":"org-az-contoso-free","destinationOrgId":"org-nm-contoso-free",
         "azure":{"subscriptionId":"00000000-0000-4000-8000-0000000a2e5d",
                  "resourceGroup":"neon-sandbox-rg","resourceName":"contoso-free"},
         "dryRun":false}""";
    assertThat(call("POST", "/migrations", OPERATOR, body).statusCode()).isEqualTo(202);
    awaitStatus(id, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));

    assertThat(call("POST", "/migrations/" + id + "/cancel", VIEWER, null).statusCode())
        .isEqualTo(403);
    assertThat(call("POST", "/migrations/" + id + "/cancel", OPERATOR, null).statusCode())
        .isEqualTo(202);

    awaitStatus(id, s -> "CANCELLED".equals(s.path("step").asText()));
    JsonNode report =
        JSON.readTree(call("GET", "/migrations/" + id + "/report", VIEWER, null).body());
    assertThat(report.get("azureResourceDeleted").asBoolean()).isFalse();
    assertThat(report.get("projectsInDestination")).hasSize(5);
    assertThat(report.get("projectsInSource")).isEmpty();
    assertThat(getJson(sandbox.simulators().arm().baseUrl() + "/_sim/resources").toString())
        .contains("contoso-free");
  }

  @Test
  void noMalformedOrUnauthorizedRequestGetsAServerError() throws Exception {
    String[][] requests = {
      {"POST", "/migrations", OPERATOR, "{not json"},
      {"POST", "/migrations", OPERATOR, "[]"},
      {"POST", "/migrations", OPERATOR, "{\"sourceOrgId\":\"UPPER\"}"},
      {"POST", "/migrations", null, "{}"},
      {"POST", "/migrations", "wrong-token", "{}"},
      {"GET", "/migrations/no-such-org", VIEWER, null},
      {"POST", "/migrations/no-such-org/approvals", APPROVER, "{\"gate\":\"nope\"}"},
      {"POST", "/migrations/no-such-org/cancel", OPERATOR, null},
      {"GET", "/migrations?step=NOPE", VIEWER, null},
      {"POST", "/migrations", OPERATOR, "{\"x\":\"" + "a".repeat(70_000) + "\"}"},
    };
    for (String[] r : requests) {
      HttpResponse<String> response = call(r[0], r[1], r[2], r[3]);
      assertThat(response.statusCode()).as("%s %s", r[0], r[1]).isBetween(400, 499);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .as("%s %s", r[0], r[1])
          .contains("application/problem+json");
    }
  }

  private static HttpResponse<String> approve(String id, String gate, String token)
      throws Exception {
    return call(
        "POST",
        "/migrations/" + id + "/approvals",
        token,
        "{\"gate\":\"" + gate + "\",\"comment\":\"checked\"}");
  }

  private static JsonNode awaitStatus(String id, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = call("GET", "/migrations/" + id, VIEWER, null);
      if (response.statusCode() == 200) {
        status = JSON.readTree(response.body());
        if (condition.test(status)) {
          return status;
        }
        assertThat(status.path("step").asText()).isNotEqualTo("FAILED");
      }
      Thread.sleep(100);
    }
    throw new AssertionError("status of " + id + " never matched; last: " + status);
  }

  private static void setPlan(String orgId, String plan) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(sandbox.simulators().neon().adminUrl() + "/orgs/" + orgId + "/plan"))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"plan\":\"" + plan + "\"}"))
            .header("Content-Type", "application/json")
            .build();
    assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }

  private static HttpResponse<String> call(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode getJson(String url) throws IOException, InterruptedException {
    return JSON.readTree(
        HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }
}
