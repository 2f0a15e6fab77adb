package org.neonmigrate.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.MigrationNames;

class EmbeddedTemporalTest {

  @Test
  void startsOnAFreePortWithTheMigrationSearchAttributesRegistered() throws Exception {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0)) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder().setNamespace(MigrationNames.NAMESPACE).build());
        // starting with an unregistered custom attribute would fail with INVALID_ARGUMENT
        WorkflowStub stub =
            client.newUntypedWorkflowStub(
                "Probe",
                WorkflowOptions.newBuilder()
                    .setTaskQueue("probe")
                    .setWorkflowId("probe-1")
                    .setTypedSearchAttributes(
                        SearchAttributes.newBuilder()
                            .set(MigrationNames.MIGRATION_STEP, "DISCOVER")
                            .set(MigrationNames.SOURCE_ORG_ID, "org-x")
                            .set(MigrationNames.BATCH_ID, "b-1")
                            .build())
                    .build());
        var execution = stub.start();

        var described =
            stubs
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(MigrationNames.NAMESPACE)
                        .setExecution(execution)
                        .build());
        assertThat(temporal.port()).isPositive();
        assertThat(described.getWorkflowExecutionInfo().getSearchAttributes().getIndexedFieldsMap())
            .containsKeys("MigrationStep", "SourceOrgId", "BatchId");
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  @Test
  void aTakenPortIsAPlainIoError() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      assertThatThrownBy(() -> EmbeddedTemporal.start(taken.getLocalPort()))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
  }
}
