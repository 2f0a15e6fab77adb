package org.neonmigrate.sandbox.temporal;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.neonmigrate.workflows.MigrationNames;

/**
 * The in-memory Temporal service from temporal-testing, bound to a TCP port like a real frontend,
 * with the migration's custom search attributes registered in the {@code default} namespace.
 */
public final class EmbeddedTemporal implements AutoCloseable {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts the service on {@code port}; 0 picks a free port (the test server cannot report the port
   * it bound, so a free one is found first; another process could grab it in between). Note the
   * test server listens on all interfaces, not only loopback.
   *
   * @throws IOException if the port is taken
   */
  public static EmbeddedTemporal start(int port) throws IOException {
    int chosen = port == 0 ? freePort() : port;
    TestServer.PortBoundTestServer server;
    try {
      server = TestServer.createPortBoundServer(chosen);
    } catch (RuntimeException e) {
      // the test server wraps its bind failure; callers want the plain I/O error
      if (e.getCause() instanceof IOException io) {
        throw new IOException(
            "Temporal could not bind port " + chosen + ": " + io.getMessage(), io);
      }
      throw e;
    }
    EmbeddedTemporal temporal = new EmbeddedTemporal(server, chosen);
    try {
      temporal.registerSearchAttributes();
    } catch (RuntimeException e) {
      temporal.close();
      throw e;
    }
    return temporal;
  }

  private void registerSearchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target())
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest request =
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
              .build();
      operator.blockingStub().addSearchAttributes(request);
    } finally {
      operator.shutdown();
      operator.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for Temporal", e);
    }
  }

  public int port() {
    return port;
  }

  /** The gRPC target for {@code WorkflowServiceStubsOptions.setTarget}. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }
}
