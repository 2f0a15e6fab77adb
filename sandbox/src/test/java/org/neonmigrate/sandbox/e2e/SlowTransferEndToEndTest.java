package org.neonmigrate.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.Sandbox;
import org.neonmigrate.sandbox.SandboxOptions;
import org.neonmigrate.sandbox.neon.Faults;
import org.neonmigrate.sandbox.neon.NeonApi;
import org.neonmigrate.sandbox.neon.NeonSimulator;
import org.neonmigrate.sandbox.neon.NeonState;
import org.neonmigrate.sandbox.seed.MigrationExample;
import org.neonmigrate.workflows.MigrationNames;

/**
 * Whole runs (embedded Temporal, both simulators, the worker) against a Neon whose transfers take
 * effect slowly: the answer is lost while Neon finishes the move, or the POST is still going when
 * the run is cancelled. Judged by the simulator's final state and the run's report.
 */
class SlowTransferEndToEndTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

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
                "--temporal-port",
                "0",
                "--worker-port",
                "0",
                "--no-api",
                "--temporal",
                "in-memory",
                "--rate-per-minute",
                "200000",
                "--burst-per-second",
                "20000"));
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
                // the sandbox encrypts payloads: its clients need its data converter to read them
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

  @BeforeEach
  void countCallsFromHere() {
    neon().calls().clear();
  }

  @AfterEach
  void noMoreFaults() {
    neon().faults().clear();
  }

  @Test
  void aTransferAnswerLostWhileNeonFinishesTheMoveLaterStillCompletesWithOnePost()
      throws Exception {
    String source = "org-az-contoso-free";
    String destination = "org-nm-contoso-free";
    int projects = state().projectCount(source);
    neon().faults().update(new Faults.TransferPace(3_000, 0));
    neon().faults().add(new Faults.OneShot(NeonApi.TRANSFER_ROUTE, 500, 1, Faults.When.AFTER));
    WorkflowStub run = start(source);

    awaitStatus(run, s -> "azure-deletion".equals(s.path("awaitingGate").asText(null)));
    run.signal(
        MigrationNames.SIGNAL_APPROVE,
        Map.of("gate", "azure-deletion", "approver", "carol@example.com", "comment", "ok"));
    JsonNode report = run.getResult(60, TimeUnit.SECONDS, JsonNode.class);

    assertThat(report.get("finalStep").asText()).isEqualTo("COMPLETED");
    assertThat(report.get("projectsInDestination")).hasSize(projects);
    assertThat(neon().calls().count(NeonApi.TRANSFER_ROUTE)).isEqualTo(1);
    assertThat(neon().calls().count(NeonApi.TRANSFER_ROUTE, 500)).isEqualTo(1);
    assertThat(state().projectCount(destination)).isEqualTo(projects);
    assertThat(state().projectCount(source)).isZero();
  }

  @Test
  void aCancelDuringASlowTransferReportsWhereTheProjectsReallyAre() throws Exception {
    String source = "org-az-northwind-large";
    String destination = "org-nm-northwind-large";
    assertThat(state().projectCount(source)).isGreaterThan(400);
    // the first chunk's POST is accepted, moves its 400 projects and answers three seconds later
    neon().faults().update(new Faults.TransferPace(3_000, 3_000));
    WorkflowStub run = start(source);
    await(() -> !state().movingProjectIds().isEmpty());

    run.cancel();

    assertThatThrownBy(() -> run.getResult(60, TimeUnit.SECONDS, JsonNode.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    JsonNode report = run.query(MigrationNames.QUERY_REPORT, JsonNode.class);
    await(() -> state().movingProjectIds().isEmpty());
    assertThat(report.get("finalStep").asText()).isEqualTo("CANCELLED");
    assertThat(report.get("projectsInDestination")).hasSize(state().projectCount(destination));
    assertThat(report.get("projectsInSource")).hasSize(state().projectCount(source));
    assertThat(state().projectCount(destination)).isEqualTo(400);
    assertThat(report.get("actionsForHumans").toString()).contains("400 of 450 projects are in");
    assertThat(neon().calls().count(NeonApi.TRANSFER_ROUTE)).isEqualTo(1);
  }

  private static NeonSimulator neon() {
    return sandbox.simulators().neon();
  }

  private static NeonState state() {
    return neon().state();
  }

  private static WorkflowStub start(String source) {
    MigrationExample example =
        sandbox.simulators().examples().stream()
            .filter(e -> e.sourceOrgId().equals(source))
            .findFirst()
            .orElseThrow();
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            MigrationNames.ORG_MIGRATION_TYPE,
            WorkflowOptions.newBuilder()
                .setTaskQueue(MigrationNames.TASK_QUEUE)
                .setWorkflowId(MigrationNames.orgMigrationId(source))
                .build());
    stub.start(example);
    return stub;
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
      assertThat(status.path("step").asText()).isNotIn("FAILED", "CANCELLED");
      Thread.sleep(100);
    }
    throw new AssertionError("status never matched; last status: " + status);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition never held").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
