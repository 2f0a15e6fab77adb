package org.neonmigrate.sandbox.temporal;

import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory Temporal service from temporal-testing, bound to a TCP port like a real frontend.
 * The zero-install fallback: it has no visibility API ({@code ListWorkflowExecutions}), no Web UI,
 * keeps nothing after it stops, and can lose tasks matched to a worker that died.
 */
public final class EmbeddedTemporal implements SandboxTemporal {
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
    int chosen = port == 0 ? Ports.free() : port;
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
    OperatorServiceStubs operator = MigrationSearchAttributes.operator(temporal.target());
    try {
      MigrationSearchAttributes.ensure(operator);
    } catch (RuntimeException e) {
      temporal.close();
      throw e;
    } finally {
      operator.shutdown();
      operator.awaitTermination(5, TimeUnit.SECONDS);
    }
    return temporal;
  }

  public int port() {
    return port;
  }

  @Override
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public Optional<String> webUiUrl() {
    return Optional.empty();
  }

  @Override
  public String description() {
    return "in-memory test server: no list/visibility, no Web UI, nothing kept after exit";
  }

  @Override
  public void close() {
    server.close();
  }
}
