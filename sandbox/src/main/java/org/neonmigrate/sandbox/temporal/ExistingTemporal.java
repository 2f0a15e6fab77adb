package org.neonmigrate.sandbox.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.neonmigrate.workflows.MigrationNames;

/**
 * A Temporal server that is already running (a dev server of its own, {@code
 * docker/compose.yml}'s): plaintext gRPC, namespace {@code default}. The sandbox registers the
 * search attributes it lacks and leaves the server running when it stops.
 */
public final class ExistingTemporal implements SandboxTemporal {
  private final String address;
  private final String serverVersion;

  private ExistingTemporal(String address, String serverVersion) {
    this.address = address;
    this.serverVersion = serverVersion;
  }

  /**
   * @throws IOException if nothing answers at {@code address} for the {@code default} namespace
   */
  public static ExistingTemporal connect(String address) throws IOException {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    String version;
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .describeNamespace(
              DescribeNamespaceRequest.newBuilder().setNamespace(MigrationNames.NAMESPACE).build());
      version =
          stubs
              .blockingStub()
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
              .getServerVersion();
    } catch (StatusRuntimeException e) {
      throw new IOException(
          "no Temporal frontend with a namespace "
              + MigrationNames.NAMESPACE
              + " answers at "
              + address
              + " ("
              + e.getStatus()
              + ")",
          e);
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
    OperatorServiceStubs operator = MigrationSearchAttributes.operator(address);
    try {
      MigrationSearchAttributes.ensure(operator);
    } finally {
      operator.shutdown();
      operator.awaitTermination(5, TimeUnit.SECONDS);
    }
    return new ExistingTemporal(address, version);
  }

  @Override
  public String target() {
    return address;
  }

  @Override
  public Optional<String> webUiUrl() {
    return Optional.empty();
  }

  @Override
  public String description() {
    return "an existing Temporal server " + serverVersion + ", left running on exit";
  }

  @Override
  public void close() {
    // not ours to stop
  }
}
