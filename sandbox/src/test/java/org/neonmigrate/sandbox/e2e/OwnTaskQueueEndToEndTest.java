package org.neonmigrate.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.neon.ClusterNeonRateBudget;
import org.neonmigrate.sandbox.Sandbox;
import org.neonmigrate.sandbox.SandboxOptions;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.budget.NeonApiBudgetWorkflow;

/**
 * A worker and an API configured with a task queue other than the default (the sandbox passes
 * {@code --task-queue} to both as {@code temporal.task-queue}) run a migration to the end; the
 * fleet-wide Neon budget runs on the queue derived from it, polled by a worker of its own.
 */
class OwnTaskQueueEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String QUEUE = "wave-7";

  private static Sandbox sandbox;
  private static WorkflowServiceStubs service;
  private static WorkflowClient client;

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
                "0",
                "--task-queue",
                QUEUE),
            Map.of("temporal.deadlock-detection-timeout", "7s"));
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(sandbox.temporal().target())
                .build());
    client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setNamespace(MigrationNames.NAMESPACE)
                .setDataConverter(sandbox.payloadProtection().dataConverter())
                .build());
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
  }

  @Test
  void aMigrationStartedThroughTheApiRunsOnTheConfiguredQueueToTheEnd() throws Exception {
    String id = "org-az-contoso-free";
    String body =
        """
        {"sourceOrgId":"org-az-contoso-free","destinationOrgId":"org-nm-contoso-free",
         "azure":{"subscriptionId":"00000000-0000-4000-8000-0000000a2e5d",
                  "resourceGroup":"neon-sandbox-rg","resourceName":"contoso-free"},
         "dryRun":false}""";
    assertThat(call("POST", "/migrations", "sandbox-operator", body).statusCode()).isEqualTo(202);
    awaitStatus(id, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));
    assertThat(
            call(
                    "POST",
                    "/migrations/" + id + "/approvals",
                    "sandbox-approver",
                    "{\"gate\":\"azure-deletion\",\"comment\":\"checked\"}")
                .statusCode())
        .isEqualTo(202);
    awaitStatus(id, s -> "COMPLETED".equals(s.path("step").asText()));

    assertThat(taskQueueOf(MigrationNames.orgMigrationId(id))).isEqualTo(QUEUE);
    String budget =
        NeonApiBudgetWorkflow.workflowId(
            ClusterNeonRateBudget.fingerprint(sandbox.options().apiKey()));
    assertThat(taskQueueOf(budget)).isEqualTo(QUEUE + "-budget");
  }

  @Test
  void theBudgetQueueHasItsOwnSmallWorkerAndBothTakeTheConfiguredDeadlockTimeout() {
    WorkerFactory factory = sandbox.workerContext().orElseThrow().getBean(WorkerFactory.class);
    WorkerOptions main = factory.getWorker(QUEUE).getWorkerOptions();
    WorkerOptions budget = factory.getWorker(QUEUE + "-budget").getWorkerOptions();

    assertThat(main.getDefaultDeadlockDetectionTimeout()).isEqualTo(7_000);
    assertThat(budget.getDefaultDeadlockDetectionTimeout()).isEqualTo(7_000);
    assertThat(budget.getMaxConcurrentWorkflowTaskPollers()).isEqualTo(2);
    assertThat(budget.getMaxConcurrentWorkflowTaskExecutionSize()).isEqualTo(10);
    assertThat(budget.isLocalActivityWorkerOnly()).isTrue();
  }

  private static String taskQueueOf(String workflowId) {
    return client
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getRawDescription()
        .getExecutionConfig()
        .getTaskQueue()
        .getName();
  }

  private static JsonNode awaitStatus(String id, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = call("GET", "/migrations/" + id, "sandbox-viewer", null);
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

  private static HttpResponse<String> call(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sandbox.apiUrl().orElseThrow() + path))
            .header("Authorization", "Bearer " + token);
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
