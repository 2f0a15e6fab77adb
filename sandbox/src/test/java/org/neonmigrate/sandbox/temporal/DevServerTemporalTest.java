package org.neonmigrate.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neonmigrate.workflows.MigrationNames;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DevServerTemporalTest {

  /** The CLI this machine has; without one the dev server tests are skipped, saying why. */
  private static Path cli() {
    Optional<Path> cli = TemporalCli.find(Optional.empty());
    assumeTrue(
        cli.isPresent(),
        "no temporal CLI found (looked in "
            + TemporalCli.searched(System.getenv())
            + "), so the dev server is not tested here; .ci/run installs it");
    return cli.get();
  }

  @Test
  void startsARealServerWithVisibilityAndTheSearchAttributesAndLeavesNoProcessBehind(
      @TempDir Path dir) throws Exception {
    Path cli = cli();
    List<ProcessHandle> processes;
    int port;
    try (DevServerTemporal temporal =
        DevServerTemporal.start(cli, TemporalSettings.devServer(cli, dir))) {
      port = temporal.port();
      processes = temporal.processes();
      assertThat(processes)
          .anySatisfy(p -> assertThat(p.info().command()).hasValue(cli.toRealPath().toString()));
      assertThat(temporal.serverVersion()).matches("\\d+\\.\\d+\\.\\d+.*");

      OperatorServiceStubs operator = MigrationSearchAttributes.operator(temporal.target());
      try {
        assertThat(MigrationSearchAttributes.listed(operator))
            .containsAllEntriesOf(
                Map.of(
                    "MigrationStep", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                    "SourceOrgId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                    "BatchId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      } finally {
        operator.shutdownNow();
      }

      withClient(
          temporal,
          client -> {
            assertThat(
                    client
                        .getWorkflowServiceStubs()
                        .blockingStub()
                        .describeNamespace(
                            DescribeNamespaceRequest.newBuilder()
                                .setNamespace(MigrationNames.NAMESPACE)
                                .build())
                        .getConfig()
                        .getWorkflowExecutionRetentionTtl()
                        .getSeconds())
                .as("closed runs kept for weeks, not the dev server's one day")
                .isEqualTo(DevServerTemporal.RETENTION.toSeconds());
            startProbe(client, "probe-listed", "org-listed");
            // ListWorkflowExecutions by a custom attribute: what the in-memory server lacks
            awaitTrue(
                () ->
                    client
                            .listExecutions(
                                "SourceOrgId = 'org-listed' AND MigrationStep = 'DISCOVER'")
                            .count()
                        == 1);
          });

      HttpResponse<Void> ui = awaitWebUi(temporal.webUiUrl().orElseThrow());
      assertThat(ui.statusCode()).isEqualTo(200);
    }
    assertThat(processes).isNotEmpty().noneMatch(ProcessHandle::isAlive);
    Ports.requireFree(port, "Temporal frontend");
    assertThat(dir.resolve(DevServerTemporal.DB_FILE)).isNotEmptyFile();
    assertThat(dir.resolve(DevServerTemporal.LOG_FILE)).exists();
  }

  @Test
  void aRestartOnTheSameFolderKeepsTheRunsAndASecondServerThereIsRefused(@TempDir Path dir)
      throws Exception {
    Path cli = cli();
    try (DevServerTemporal first =
        DevServerTemporal.start(cli, TemporalSettings.devServer(cli, dir))) {
      assertThatThrownBy(() -> DevServerTemporal.start(cli, TemporalSettings.devServer(cli, dir)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("--temporal-dir");
      withClient(first, client -> startProbe(client, "probe-kept", "org-kept"));
    }
    try (DevServerTemporal again =
        DevServerTemporal.start(cli, TemporalSettings.devServer(cli, dir))) {
      withClient(
          again,
          client ->
              assertThat(client.newUntypedWorkflowStub("probe-kept").describe().getStatus())
                  .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING));
    }
  }

  @Test
  void aTakenPortIsRefusedBeforeAnyServerStarts(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      TemporalSettings settings =
          new TemporalSettings(
              TemporalSettings.Choice.CLI,
              taken.getLocalPort(),
              0,
              Optional.empty(),
              dir,
              Optional.empty());
      assertThatThrownBy(() -> DevServerTemporal.start(Path.of("temporal"), settings))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
    assertThat(dir.resolve(DevServerTemporal.LOG_FILE)).doesNotExist();
  }

  @Test
  void aServerThatStopsDuringStartUpIsReportedWithTheEndOfItsLog(@TempDir Path dir)
      throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for the stand-in CLI");
    Path broken = dir.resolve("broken-temporal");
    Files.writeString(broken, "#!/bin/sh\necho 'address already in use, say'\nexit 3\n");
    Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));

    assertThatThrownBy(
            () -> DevServerTemporal.start(broken, TemporalSettings.devServer(broken, dir)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exited with code 3")
        .hasMessageContaining("address already in use, say");
  }

  interface ClientCheck {
    void run(WorkflowClient client) throws Exception;
  }

  private static void withClient(SandboxTemporal temporal, ClientCheck check) throws Exception {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    try {
      check.run(
          WorkflowClient.newInstance(
              stubs,
              WorkflowClientOptions.newBuilder().setNamespace(MigrationNames.NAMESPACE).build()));
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** A run with the migration's attributes and no worker: it stays running, which is enough. */
  static void startProbe(WorkflowClient client, String workflowId, String sourceOrgId) {
    client
        .newUntypedWorkflowStub(
            "Probe",
            WorkflowOptions.newBuilder()
                .setTaskQueue("probe")
                .setWorkflowId(workflowId)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(MigrationNames.MIGRATION_STEP, "DISCOVER")
                        .set(MigrationNames.SOURCE_ORG_ID, sourceOrgId)
                        .set(MigrationNames.BATCH_ID, "b-1")
                        .build())
                .build())
        .start();
  }

  /** Visibility is written a moment after the start; give it a few seconds. */
  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("condition not met within 15 s");
      }
      Thread.sleep(100);
    }
  }

  private static HttpResponse<Void> awaitWebUi(String url) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        // the UI server may come up a moment after the frontend
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}
