package org.neonmigrate.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.Sandbox;
import org.neonmigrate.sandbox.SandboxOptions;
import org.neonmigrate.sandbox.seed.SandboxSeed;

/**
 * README's fleet plan walk-through on the whole sandbox (its worker, API and simulators): plan both
 * demo subscriptions, read the plan as CSV, and start a batch with that CSV unedited.
 */
class FleetPlanEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

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
  void aPlanOfTheDemoFleetBecomesABatchThroughItsCsv() throws Exception {
    sandbox.simulators().arm().setPageSize(1);
    String body =
        """
        {"planId":"e2e","subscriptionIds":["%s","%s"],
         "destination":{"rule":"by-name","mapping":{"contoso-free":"org-nm-contoso-free",
           "fabrikam-scale":"org-nm-fabrikam-scale","tailspin-github":"org-nm-tailspin-github",
           "northwind-large":"org-nm-northwind-large"}}}"""
            .formatted(SandboxSeed.SUBSCRIPTION_ID, SandboxSeed.STRAYS_SUBSCRIPTION_ID);

    HttpResponse<String> started = send("POST", "/fleet/plan", "sandbox-operator", body, null);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    assertThat(started.headers().firstValue("Location")).hasValue("/fleet/plans/e2e");

    JsonNode done = awaitClosed("e2e");
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
    assertThat(done.at("/plan/rows")).hasSize(4);
    assertThat(done.at("/plan/strays").findValuesAsText("kind"))
        .containsExactlyInAnyOrder("NO_AZURE_RESOURCE", "ORG_NOT_VISIBLE", "RESOURCE_DELETING");

    HttpResponse<String> csv = send("GET", "/fleet/plans/e2e", "sandbox-viewer", null, "text/csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body().split("\r\n")).hasSize(5);

    HttpRequest batch =
        HttpRequest.newBuilder(URI.create(api + "/batches?batchId=from-plan"))
            .header("Authorization", "Bearer sandbox-operator")
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofString(csv.body()))
            .build();
    HttpResponse<String> accepted = HTTP.send(batch, HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(JSON.readTree(accepted.body()).path("total").asInt()).isEqualTo(4);
    assertThat(sandbox.simulators().arm().state().deletions()).isEmpty();
  }

  private static JsonNode awaitClosed(String planId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode answer = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> read =
          send("GET", "/fleet/plans/" + planId, "sandbox-viewer", null, null);
      if (read.statusCode() == 200) {
        answer = JSON.readTree(read.body());
        if (!"RUNNING".equals(answer.path("status").asText())) {
          return answer;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("plan " + planId + " still running: " + answer);
  }

  private static HttpResponse<String> send(
      String method, String path, String token, String body, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path));
    b.header("Authorization", "Bearer " + token);
    if (accept != null) {
      b.header("Accept", accept);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
