package org.neonmigrate.sandbox.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.neonmigrate.activities.notify.WebhookSignature;
import org.neonmigrate.sandbox.Sandbox;
import org.neonmigrate.sandbox.SandboxOptions;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.BatchLaunch;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflow;
import org.neonmigrate.workflows.batch.BatchRequest;
import org.neonmigrate.workflows.batch.BulkDecision;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * What operators see of real migrations: the worker's {@code /prometheus} scraped while runs are in
 * flight, and every notification kind received over HTTP by a webhook that checks the signature.
 * Everything runs in the sandbox (embedded Temporal, simulators, worker) over real network calls.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorSignalsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SECRET = "whsec-test-7f3a9c";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** One delivery as the receiver saw it. */
  record Delivery(String timestamp, String signature, String deliveryId, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
      }
    }

    boolean signedWith(String secret) {
      return WebhookSignature.verify(secret, Long.parseLong(timestamp), body, signature);
    }
  }

  private static final List<Delivery> received = new CopyOnWriteArrayList<>();
  private static final AtomicInteger answer = new AtomicInteger(204);
  private static volatile long hangMillis;
  private static HttpServer receiver;
  private static ExecutorService receiverThreads;
  private static Sandbox sandbox;
  private static WorkflowServiceStubs service;
  private static WorkflowClient client;
  private static final Map<String, JsonNode> examples = new HashMap<>();

  @BeforeAll
  static void startSystem() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    receiverThreads = Executors.newCachedThreadPool();
    receiver.setExecutor(receiverThreads);
    receiver.createContext(
        "/hooks/neonmigrate",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Delivery(
                  exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                  exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
                  exchange.getRequestHeaders().getFirst(WebhookSignature.DELIVERY_HEADER),
                  body));
          if (hangMillis > 0) {
            try {
              Thread.sleep(hangMillis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.sendResponseHeaders(answer.get(), -1);
          exchange.close();
        });
    receiver.start();
    String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/neonmigrate";
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
                "--no-api",
                "--rate-per-minute",
                "200000",
                "--burst-per-second",
                "20000"),
            Map.of("notifications.webhook-url", hook, "notifications.webhook-secret", SECRET));
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(sandbox.temporal().target())
                .build());
    client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setNamespace("default")
                .setDataConverter(sandbox.payloadProtection().dataConverter())
                .build());
    for (JsonNode example : get(sandbox.simulators().neon().adminUrl() + "/examples")) {
      examples.put(example.get("sourceOrgId").asText(), example);
    }
  }

  @AfterAll
  static void stopSystem() {
    if (service != null) {
      service.shutdown();
      service.awaitTermination(5, TimeUnit.SECONDS);
    }
    if (sandbox != null) {
      sandbox.close();
    }
    if (receiver != null) {
      receiver.stop(0);
      receiverThreads.shutdownNow();
    }
  }

  @Test
  @Order(1)
  void everyKindArrivesSignedAndTheWorkerExportsTheDomainSeriesWhileRunsAreInFlight()
      throws Exception {
    // a run that reminds every minute, and later meets the deletion interlock
    String contoso = "org-az-contoso-free";
    ObjectNode reminding = ((ObjectNode) examples.get(contoso).deepCopy());
    reminding.put("reminderIntervalMinutes", 1);
    WorkflowStub run = start(reminding);
    awaitStatus(run, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));

    // a run that fails: rejected at its blockers gate
    WorkflowStub rejected = start(examples.get("org-az-tailspin-github"));
    awaitStatus(rejected, s -> "blockers-resolved".equals(s.path("awaitingGate").asText(null)));
    rejected.signal(
        MigrationNames.SIGNAL_REJECT,
        Map.of("gate", "blockers-resolved", "approver", "erin@example.com", "reason", "not now"));

    // a batch whose run waits for a human (its destination plan is too low) past a digest
    String fabrikam = "org-az-fabrikam-scale";
    MigrationRequest child = JSON.treeToValue(examples.get(fabrikam), MigrationRequest.class);
    BatchLaunch.startBatch(
        client,
        MigrationNames.TASK_QUEUE,
        new BatchRequest("digests", "ops@example.com", 2, List.of(1), null, 1, null),
        "digests");
    BatchLaunch.startWaves(
        client, MigrationNames.TASK_QUEUE, "digests", "ops@example.com", List.of(List.of(child)));
    BatchMigrationWorkflow batch =
        client.newWorkflowStub(BatchMigrationWorkflow.class, MigrationNames.batchId("digests"));

    // while all that is in flight, the first reminder comes (a minute after the gate opened)
    awaitDelivery(n -> n.path("kind").asText().equals("reminder"));
    awaitDelivery(n -> n.path("kind").asText().equals("batch-digest"));
    String scraped = awaitScrape(s -> s.contains("neonmigrate_gates_opened_total"));
    assertThat(scraped)
        .contains("neonmigrate_migrations_started_total")
        .contains("neonmigrate_gates_opened_total{")
        .contains("gate=\"azure-deletion\"")
        .contains("neonmigrate_projects_transferred_total")
        .contains("neonmigrate_projects_blocked_total")
        .contains("neonmigrate_neon_requests_seconds_count{")
        .contains("route=\"POST /organizations/{source_org_id}/projects/transfer\"")
        .contains("neonmigrate_neon_budget_wait_seconds_count{")
        .contains("neonmigrate_notifications_sent_total{");
    assertThat(scraped)
        .containsPattern("neonmigrate_neon_requests_seconds_count\\{[^}]*status=\"200\"");

    // a project appears in the source after VERIFY: the interlock refuses, the run moves it
    post(
        sandbox.simulators().neon().adminUrl() + "/orgs/" + contoso + "/projects", "{\"count\":1}");
    approve(run, "azure-deletion", "dave@example.com");
    awaitDelivery(n -> n.path("kind").asText().equals("interlock-refusal"));
    awaitStatus(
        run,
        s ->
            "azure-deletion".equals(s.path("awaitingGate").asText(null))
                && s.path("approvals").size() == 1);
    approve(run, "azure-deletion", "dave@example.com");
    assertThat(run.getResult(60, TimeUnit.SECONDS, JsonNode.class).get("finalStep").asText())
        .isEqualTo("COMPLETED");

    // its destination plan is too low: the batch's run waits at plan-upgrade until rejected
    batch.rejectAll(new BulkDecision("plan-upgrade", "dave@example.com", false, "later"));
    WorkflowStub.fromTyped(batch).getResult(90, TimeUnit.SECONDS, JsonNode.class);

    awaitDelivery(n -> n.path("kind").asText().equals("failed"));
    awaitDelivery(n -> n.path("kind").asText().equals("completed"));
    List<JsonNode> bodies = received.stream().map(Delivery::json).toList();
    assertThat(bodies)
        .extracting(n -> n.path("kind").asText())
        .contains(
            "gate-opened",
            "reminder",
            "approval-recorded",
            "interlock-refusal",
            "failed",
            "completed",
            "batch-digest");
    for (Delivery delivery : received) {
      assertThat(delivery.signedWith(SECRET)).as("signature of %s", delivery.json()).isTrue();
      assertThat(delivery.signedWith("another-secret")).isFalse();
      assertThat(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(delivery.timestamp())))
          .isLessThan(600);
      assertThat(delivery.deliveryId()).isNotBlank();
      JsonNode body = delivery.json();
      assertThat(body.get("version").asInt()).isEqualTo(1);
      assertThat(body.get("text").asText()).isNotBlank();
      String raw = new String(delivery.body(), StandardCharsets.UTF_8);
      assertThat(raw).doesNotContain(SECRET, sandbox.options().apiKey());
    }
    // the batch's run sent nothing of its own: its batch speaks for it
    assertThat(bodies)
        .noneMatch(n -> n.path("workflowId").asText().equals("org-migration-" + fabrikam));
    JsonNode lastDigest =
        bodies.stream()
            .filter(n -> n.path("kind").asText().equals("batch-digest"))
            .toList()
            .get(
                (int)
                        bodies.stream()
                            .filter(n -> n.path("kind").asText().equals("batch-digest"))
                            .count()
                    - 1);
    assertThat(lastDigest.path("counts").path("FAILED").asInt()).isEqualTo(1);
    assertThat(
            bodies.stream()
                .filter(n -> n.path("kind").asText().equals("batch-digest"))
                .anyMatch(n -> n.path("waitingAtGates").path("plan-upgrade").asInt() == 1))
        .isTrue();
    JsonNode refusal =
        bodies.stream()
            .filter(n -> n.path("kind").asText().equals("interlock-refusal"))
            .findFirst()
            .orElseThrow();
    assertThat(refusal.path("reason").asText()).isEqualTo("SourceOrgNotEmpty");
    assertThat(
            bodies.stream()
                .filter(n -> n.path("kind").asText().equals("failed"))
                .findFirst()
                .orElseThrow()
                .path("error")
                .asText())
        .contains("MigrationRejected");

    String after =
        awaitScrape(
            s ->
                s.contains("neonmigrate_interlock_refusals_total{")
                    && s.contains("outcome=\"completed\""));
    assertThat(after)
        .contains("neonmigrate_migrations_finished_total{")
        .contains("outcome=\"failed\"")
        .contains("failure_type=\"MigrationRejected\"")
        .contains("neonmigrate_gate_wait_seconds_count{")
        .contains("reason=\"SourceOrgNotEmpty\"")
        .contains("neonmigrate_arm_deletions_total{")
        .contains("outcome=\"deleted\"");
    assertThat(after).doesNotContain("org-az-", "org-nm-", "@example.com", SECRET);
    System.out.printf(
        "notifications received: %d; domain series exported: %d%n",
        received.size(), after.lines().filter(l -> l.startsWith("neonmigrate_")).count());
  }

  @Test
  @Order(2)
  void aWebhookThatFailsOrHangsNeitherFailsNorStallsTheMigration() throws Exception {
    String northwind = "org-az-northwind-large";

    answer.set(500);
    int before = received.size();
    // the rejected run left its blocked project behind: a small dry run
    String tailspin = "org-az-tailspin-github";
    ObjectNode dryRun = ((ObjectNode) examples.get(tailspin).deepCopy()).put("dryRun", true);
    long dryStart = System.nanoTime();
    WorkflowStub dry = start(dryRun);
    assertThat(dry.getResult(120, TimeUnit.SECONDS, JsonNode.class).get("finalStep").asText())
        .isEqualTo("PLAN");
    long dryMillis = (System.nanoTime() - dryStart) / 1_000_000;
    // the refused delivery was retried, then dropped
    assertThat(received.size() - before).isGreaterThanOrEqualTo(2);

    answer.set(204);
    hangMillis = 30_000;
    long fullStart = System.nanoTime();
    WorkflowStub run = start(examples.get(northwind));
    awaitStatus(run, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));
    long atGateMillis = (System.nanoTime() - fullStart) / 1_000_000;
    approve(run, "azure-deletion", "carol@example.com");
    JsonNode report = run.getResult(180, TimeUnit.SECONDS, JsonNode.class);
    long fullMillis = (System.nanoTime() - fullStart) / 1_000_000;

    assertThat(report.get("finalStep").asText()).isEqualTo("COMPLETED");
    assertThat(report.get("azureResourceDeleted").asBoolean()).isTrue();
    hangMillis = 0;
    System.out.printf(
        "webhook answering 500: dry run closed after %d ms; webhook hanging 30 s: deletion gate"
            + " reached after %d ms, run closed after %d ms (at most 20 s of it waiting for the"
            + " last notification)%n",
        dryMillis, atGateMillis, fullMillis);
  }

  // --- helpers ---------------------------------------------------------------------------

  private static WorkflowStub start(JsonNode input) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            MigrationNames.ORG_MIGRATION_TYPE,
            WorkflowOptions.newBuilder()
                .setTaskQueue(MigrationNames.TASK_QUEUE)
                .setWorkflowId(MigrationNames.orgMigrationId(input.get("sourceOrgId").asText()))
                .build());
    stub.start(input);
    return stub;
  }

  private static void approve(WorkflowStub run, String gate, String approver) {
    run.signal(
        MigrationNames.SIGNAL_APPROVE,
        Map.of("gate", gate, "approver", approver, "comment", "checked in the console"));
  }

  private static JsonNode awaitStatus(WorkflowStub run, Predicate<JsonNode> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = run.query(MigrationNames.QUERY_STATUS, JsonNode.class);
      if (condition.test(status)) {
        return status;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("status never matched; last status: " + status);
  }

  private static void awaitDelivery(Predicate<JsonNode> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (received.stream().map(Delivery::json).anyMatch(condition)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no such notification; received: "
            + received.stream().map(d -> d.json().path("kind").asText()).toList());
  }

  /** The SDK's metrics scope reports every 10 s, so a series can take that long to show. */
  private static String awaitScrape(Predicate<String> condition) throws Exception {
    String worker = sandbox.workerUrl().orElseThrow();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(worker + "/prometheus")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      body = response.body();
      if (condition.test(body)) {
        return body;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "the scrape never matched; neonmigrate series: "
            + body.lines().filter(l -> l.startsWith("neonmigrate_")).toList());
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void post(String url, String json) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
  }
}
