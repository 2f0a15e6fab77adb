package org.neonmigrate.api;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflowImpl;

/**
 * One Temporal test server on a free port, with the search attributes registered and a worker
 * running {@link FakeOrgMigration} and the real {@code BatchMigration}; shared by the test classes
 * of this JVM.
 */
final class EmbeddedTemporal {

  private static EmbeddedTemporal instance;

  final String address;
  final WorkflowClient client;

  private EmbeddedTemporal() {
    int port = freePort();
    TestServer.createPortBoundServer(port);
    address = "127.0.0.1:" + port;
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    operator
        .blockingStub()
        .addSearchAttributes(
            AddSearchAttributesRequest.newBuilder()
                .setNamespace(MigrationNames.NAMESPACE)
                .putSearchAttributes(
                    MigrationNames.MIGRATION_STEP.getName(),
                    IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .putSearchAttributes(
                    MigrationNames.SOURCE_ORG_ID.getName(),
                    IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .putSearchAttributes(
                    MigrationNames.BATCH_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                .build());
    client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder().setNamespace(MigrationNames.NAMESPACE).build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    factory
        .newWorker(MigrationNames.TASK_QUEUE)
        .registerWorkflowImplementationTypes(
            FakeOrgMigration.class,
            BatchMigrationWorkflowImpl.class,
            org.neonmigrate.workflows.batch.BatchWaveWorkflowImpl.class,
            FakeFleetPlan.class);
    factory.start();
  }

  static synchronized EmbeddedTemporal get() {
    if (instance == null) {
      instance = new EmbeddedTemporal();
    }
    return instance;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
