package org.neonmigrate.sandbox.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neonmigrate.sandbox.Sandbox;
import org.neonmigrate.sandbox.SandboxOptions;
import org.neonmigrate.sandbox.temporal.TemporalCli;

/**
 * What operators see in the Temporal Web UI, checked in a real browser: the sandbox on the CLI's
 * dev server, three migrations started through the REST API (one of them by a batch), then {@code
 * src/test/webui/webui-check.cjs} drives chromium through the list filtered by step, three runs'
 * summaries and details, and one run's history. Its screenshots land in {@code
 * target/webui-screenshots/}; {@code docs/webui-*.png} are copies of them.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class WebUiBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path SCREENSHOTS = Path.of("target", "webui-screenshots");
  private static final String SUBSCRIPTION = "00000000-0000-4000-8000-0000000a2e5d";
  private static final String BATCH = "webui-wave";

  private String api;

  @Test
  void operatorsSeeTheWaitingRunsWithTheirStepAndWhatEachRunIsDoing(@TempDir Path dir)
      throws Exception {
    assumeTrue(
        TemporalCli.find(Optional.empty()).isPresent(),
        "no temporal CLI found (looked in "
            + TemporalCli.searched(System.getenv())
            + "), so the Web UI is not checked here; .ci/run installs it");
    StringBuilder missing = new StringBuilder();
    Optional<PlaywrightNode> browser = PlaywrightNode.find(missing);
    assumeTrue(
        browser.isPresent(),
        "the Web UI is not checked in a browser here: " + missing + ".ci/run installs them");

    try (Sandbox sandbox =
        Sandbox.start(
            SandboxOptions.parse(
                "--temporal",
                "cli",
                "--temporal-dir",
                dir.resolve("temporal").toString(),
                "--temporal-port",
                "0",
                "--temporal-ui-port",
                "0",
                "--neon-port",
                "0",
                "--arm-port",
                "0",
                "--worker-port",
                "0",
                "--api-port",
                "0"))) {
      api = sandbox.apiUrl().orElseThrow();
      String neonAdmin = sandbox.simulators().neon().adminUrl();

      // contoso-free: the plain path; fabrikam-scale: stops at plan-upgrade; tailspin-github, by
      // a batch: a blocked project is freed and the batch approves blockers-resolved
      assertThat(call("POST", "/migrations", "sandbox-operator", migration("contoso-free")))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(202);
      assertThat(call("POST", "/migrations", "sandbox-operator", migration("fabrikam-scale")))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(202);
      String batch =
          "{\"batchId\":\"" + BATCH + "\",\"migrations\":[" + migration("tailspin-github") + "]}";
      assertThat(call("POST", "/batches", "sandbox-operator", batch))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(202);

      JsonNode blocked = awaitGate("org-az-tailspin-github", "blockers-resolved");
      for (JsonNode blocker : blocked.path("blockers")) {
        HttpResponse<String> freed =
            send(
                HttpRequest.newBuilder(
                        URI.create(
                            neonAdmin
                                + "/projects/"
                                + blocker.path("projectId").asText()
                                + "/integrations"))
                    .DELETE());
        assertThat(freed.statusCode()).as(freed.body()).isBetween(200, 299);
      }
      awaitBatchWaiting("blockers-resolved");
      assertThat(
              call(
                  "POST",
                  "/batches/" + BATCH + "/approvals",
                  "sandbox-approver",
                  "{\"gate\":\"blockers-resolved\",\"comment\":\"GitHub integration removed\"}"))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(202);
      awaitGate("org-az-contoso-free", "azure-deletion");
      awaitGate("org-az-tailspin-github", "azure-deletion");
      awaitGate("org-az-fabrikam-scale", "plan-upgrade");

      Files.createDirectories(SCREENSHOTS);
      Path check = dir.resolve("webui-check.json");
      assertThat(sandbox.payloadProtection().isEncrypted()).isTrue();
      JSON.writeValue(
          check.toFile(),
          checks(
              sandbox.temporal().webUiUrl().orElseThrow(),
              sandbox.codecEndpoint().orElseThrow(),
              browser.get()));
      long began = System.nanoTime();
      PlaywrightNode.Outcome outcome =
          browser
              .get()
              .run(
                  "webui-check.cjs",
                  SCREENSHOTS.resolve("webui-check.log"),
                  Duration.ofMinutes(3),
                  check.toString());
      System.out.println(
          "webui-check.cjs exited "
              + outcome.exitCode()
              + " after "
              + (System.nanoTime() - began) / 1_000_000
              + " ms:\n"
              + outcome.output());
      assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    }
  }

  /** What the script looks for, from what the workflows and the API write. */
  private Map<String, Object> checks(String webUiUrl, String codec, PlaywrightNode browser) {
    return Map.of(
        "codec",
        Map.of(
            "endpoint",
            codec,
            "sessionUrl",
            codec + "/session",
            "token",
            "sandbox-viewer",
            "workflowId",
            "org-migration-org-az-contoso-free",
            "secrets",
            List.of("\"requestedBy\": \"operator@sandbox\"", "\"resourceName\": \"contoso-free\""),
            "notDecodedScreenshot",
            "webui-codec-not-decoded.png",
            "decodedScreenshot",
            "webui-codec-decoded.png"),
        "webUiUrl",
        webUiUrl,
        "chromium",
        browser.chromium().toString(),
        "screenshotDir",
        SCREENSHOTS.toAbsolutePath().toString(),
        "namespace",
        "default",
        "listQuery",
        "MigrationStep=\"AZURE_DELETION\"",
        "listed",
        List.of(listed("contoso-free"), listed("tailspin-github")),
        "notListed",
        List.of("org-migration-org-az-fabrikam-scale", "batch-" + BATCH),
        "runs",
        List.of(
            Map.of(
                "workflowId",
                "org-migration-org-az-contoso-free",
                "screenshot",
                "webui-run-details.png",
                "texts",
                List.of(
                    "Move Azure-managed Neon org org-az-contoso-free into org-nm-contoso-free,"
                        + " then delete its Azure resource",
                    "Azure resource contoso-free (resource group neon-sandbox-rg, subscription "
                        + SUBSCRIPTION
                        + "). Requested by operator@sandbox.",
                    "Waiting for azure-deletion approval: all 5 projects verified in"
                        + " org-nm-contoso-free, and org-az-contoso-free is empty.")),
            Map.of(
                "workflowId",
                "org-migration-org-az-tailspin-github",
                "screenshot",
                "webui-batch-run-details.png",
                "texts",
                List.of(
                    "Batch " + BATCH + ", wave 1: org-az-tailspin-github → org-nm-tailspin-github",
                    "Requested by operator@sandbox in batch " + BATCH + ".",
                    "Waiting for azure-deletion approval: all 6 projects verified")),
            Map.of(
                "workflowId",
                "org-migration-org-az-fabrikam-scale",
                "screenshot",
                "webui-plan-upgrade-details.png",
                "texts",
                List.of(
                    "Waiting for plan-upgrade approval: destination plan free is below source"
                        + " plan scale"))),
        "history",
        Map.of(
            "workflowId",
            "org-migration-org-az-contoso-free",
            "screenshot",
            "webui-history.png",
            "summaries",
            List.of(
                "check source and destination orgs",
                "prove Azure resource contoso-free belongs to org-az-contoso-free",
                "inventory projects page 1",
                "transfer chunk 1/1 (5 projects)",
                "verify chunk 1/1 (5 projects)")));
  }

  private static Map<String, String> listed(String org) {
    return Map.of(
        "workflowId",
        "org-migration-org-az-" + org,
        "sourceOrgId",
        "org-az-" + org,
        "step",
        "AZURE_DELETION");
  }

  private static String migration(String org) {
    return """
        {"sourceOrgId":"org-az-%1$s","destinationOrgId":"org-nm-%1$s",
         "azure":{"subscriptionId":"%2$s","resourceGroup":"neon-sandbox-rg","resourceName":"%1$s"},
         "dryRun":false}"""
        .formatted(org, SUBSCRIPTION);
  }

  private JsonNode awaitGate(String id, String gate) throws Exception {
    return await(
        "/migrations/" + id, s -> gate.equals(s.path("awaitingGate").asText(null)), "FAILED");
  }

  /** The batch relays a gate's decision to the waves with runs waiting there. */
  private void awaitBatchWaiting(String gate) throws Exception {
    await("/batches/" + BATCH, s -> s.path("awaitingByGate").path(gate).asInt() > 0, null);
  }

  private JsonNode await(String path, Predicate<JsonNode> condition, String failedStep)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = call("GET", path, "sandbox-viewer", null);
      if (response.statusCode() == 200) {
        last = JSON.readTree(response.body());
        if (condition.test(last)) {
          return last;
        }
        if (failedStep != null) {
          assertThat(last.path("step").asText()).as(path).isNotEqualTo(failedStep);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(path + " never got there; last: " + last);
  }

  private HttpResponse<String> call(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
