package org.neonmigrate.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neonmigrate.workflows.MigrationNames;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SandboxTemporalTest {

  @Test
  void withoutACliTheDefaultFallsBackToTheInMemoryServerWithTheSearchAttributes(@TempDir Path dir)
      throws Exception {
    TemporalSettings auto =
        new TemporalSettings(
            TemporalSettings.Choice.AUTO, 0, 0, Optional.empty(), dir, Optional.empty());

    try (SandboxTemporal temporal = SandboxTemporal.start(auto, Optional.empty())) {
      assertThat(temporal).isInstanceOf(EmbeddedTemporal.class);
      assertThat(temporal.webUiUrl()).isEmpty();
      assertThat(temporal.description()).contains("in-memory", "no Web UI");
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder().setNamespace(MigrationNames.NAMESPACE).build());
        // an unregistered attribute would make this start fail with INVALID_ARGUMENT
        DevServerTemporalTest.startProbe(client, "probe-in-memory", "org-in-memory");
        assertThat(client.newUntypedWorkflowStub("probe-in-memory").describe().getStatus())
            .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      } finally {
        stubs.shutdownNow();
        stubs.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void askingForTheCliWithoutOneSaysHowToInstallIt(@TempDir Path dir) {
    TemporalSettings cli =
        new TemporalSettings(
            TemporalSettings.Choice.CLI, 0, 0, Optional.empty(), dir, Optional.empty());

    assertThatThrownBy(() -> SandboxTemporal.start(cli, Optional.empty()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("go install github.com/temporalio/cli/cmd/temporal@v1.5.1")
        .hasMessageContaining("--temporal in-memory");
  }

  @Test
  void anExistingServerIsUsedAsItIsAndGetsTheSearchAttributesItLacks() throws Exception {
    Optional<Path> cli = TemporalCli.find(Optional.empty());
    assumeTrue(cli.isPresent(), "no temporal CLI found; .ci/run installs it");
    int port = Ports.free();
    // a plain dev server of its own, without our attributes, as an operator might run it
    Process server =
        new ProcessBuilder(
                List.of(
                    cli.get().toString(),
                    "server",
                    "start-dev",
                    "--ip",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--headless"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      SandboxTemporal existing = connectWhenUp("127.0.0.1:" + port);
      assertThat(existing.webUiUrl()).isEmpty();
      OperatorServiceStubs operator = MigrationSearchAttributes.operator(existing.target());
      try {
        assertThat(MigrationSearchAttributes.listed(operator))
            .containsEntry("MigrationStep", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .containsEntry("SourceOrgId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
            .containsEntry("BatchId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      } finally {
        operator.shutdownNow();
      }
      existing.close();
      assertThat(server.isAlive()).as("the sandbox leaves a server it did not start").isTrue();
    } finally {
      server.destroy();
      if (!server.waitFor(15, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @Test
  void anAddressWhereNothingAnswersIsAPlainIoError() {
    String nowhere = "127.0.0.1:" + Ports.free();
    assertThatThrownBy(
            () ->
                SandboxTemporal.start(
                    new TemporalSettings(
                        TemporalSettings.Choice.EXISTING,
                        0,
                        0,
                        Optional.empty(),
                        Path.of("unused"),
                        Optional.of(nowhere)),
                    Optional.empty()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(nowhere);
  }

  private static SandboxTemporal connectWhenUp(String address) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        return ExistingTemporal.connect(address);
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}
