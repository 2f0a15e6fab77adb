package org.neonmigrate.sandbox.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.api.namespace.v1.NamespaceConfig;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.UpdateNamespaceRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.neonmigrate.workflows.MigrationNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal CLI's dev server ({@code temporal server start-dev}) as a child process: the real
 * server with SQLite persistence, visibility and the Web UI, bound to 127.0.0.1. Its database and
 * log live in one folder, locked while it runs so two sandboxes never share a database.
 */
public final class DevServerTemporal implements SandboxTemporal {
  private static final Logger log = LoggerFactory.getLogger(DevServerTemporal.class);

  public static final String DB_FILE = "temporal.db";
  public static final String LOG_FILE = "temporal.log";
  private static final String LOCK_FILE = "sandbox.lock";

  /** A few seconds on an idle machine; parallel builds on two cores have made it take ten times. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  /** The server stops in about two seconds; past this it is killed. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  /**
   * The dev server gives {@code default} one day, after which closed runs are deleted; a sandbox
   * that keeps its runs across restarts keeps them this long.
   */
  static final Duration RETENTION = Duration.ofDays(30);

  private static final Path SHELL = Path.of("/bin/sh");

  /**
   * Runs the CLI ({@code "$@"}) and stops it with SIGTERM once this script's stdin closes, which
   * happens when the JVM closes it or exits in any way, SIGKILL included: no server outlives its
   * sandbox. The CLI gets its own session (where {@code setsid} exists) and the script ignores
   * Ctrl-C, so a terminal's Ctrl-C reaches only the sandbox, which stops the server last.
   */
  private static final String STOP_WITH_PARENT =
      """
      trap '' INT HUP
      exec 3<&0
      if command -v setsid >/dev/null 2>&1; then
        setsid "$@" </dev/null 3<&- &
      else
        "$@" </dev/null 3<&- &
      fi
      server=$!
      { read -r _ <&3; kill -TERM "$server" 2>/dev/null; } &
      exec 3<&-
      wait "$server"
      """;

  private final Process process;
  private final boolean stopsWithStdin;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Path dataDir;
  private final int port;
  private final int uiPort;
  private final List<ProcessHandle> processes = new ArrayList<>();
  private Thread shutdownHook;
  private String serverVersion = "?";
  private boolean closed;

  private DevServerTemporal(
      Process process,
      boolean stopsWithStdin,
      FileChannel lockChannel,
      FileLock lock,
      Path dataDir,
      int port,
      int uiPort) {
    this.process = process;
    this.stopsWithStdin = stopsWithStdin;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.dataDir = dataDir;
    this.port = port;
    this.uiPort = uiPort;
  }

  /**
   * Starts the dev server of {@code cli} on the settings' ports (0 = a free one) with its data in
   * the settings' folder, and returns once its frontend answers for the {@code default} namespace
   * with the migration's search attributes registered.
   *
   * @throws IOException if the folder is in use, a port is taken, or the server does not come up
   */
  public static DevServerTemporal start(Path cli, TemporalSettings settings) throws IOException {
    long begin = System.nanoTime();
    Path dir = settings.dataDir().toAbsolutePath();
    Files.createDirectories(dir);
    FileChannel lockChannel =
        FileChannel.open(
            dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IOException(
          "another sandbox runs its Temporal server with the folder "
              + dir
              + "; stop it, or give this one another folder with --temporal-dir DIR");
    }
    DevServerTemporal temporal;
    try {
      int port = settings.port() == 0 ? Ports.free() : settings.port();
      int uiPort = settings.uiPort();
      while (uiPort == 0 || uiPort == port) {
        uiPort = Ports.free();
      }
      Ports.requireFree(port, "Temporal frontend");
      Ports.requireFree(uiPort, "Temporal Web UI");
      boolean viaShell = Files.isExecutable(SHELL);
      List<String> command = new ArrayList<>();
      if (viaShell) {
        command.addAll(List.of(SHELL.toString(), "-c", STOP_WITH_PARENT, "sh"));
      }
      command.addAll(cliArguments(cli, dir, port, uiPort, settings.uiCodecEndpoint()));
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve(LOG_FILE).toFile())
              .start();
      temporal = new DevServerTemporal(process, viaShell, lockChannel, lock, dir, port, uiPort);
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
    try {
      temporal.awaitReady(System.nanoTime() + STARTUP_TIMEOUT.toNanos());
      OperatorServiceStubs operator = MigrationSearchAttributes.operator(temporal.target());
      try {
        MigrationSearchAttributes.ensure(operator);
      } finally {
        operator.shutdown();
        operator.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (IOException | RuntimeException e) {
      temporal.close();
      throw e;
    }
    temporal.watchProcesses();
    log.info(
        "Temporal dev server {} ready on {} in {} ms (data {}, log {})",
        temporal.serverVersion,
        temporal.target(),
        (System.nanoTime() - begin) / 1_000_000,
        temporal.databaseFile(),
        temporal.logFile());
    return temporal;
  }

  static List<String> cliArguments(
      Path cli, Path dir, int port, int uiPort, Optional<String> uiCodecEndpoint) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            cli.toString(),
            "server",
            "start-dev",
            "--ip",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--ui-port",
            Integer.toString(uiPort),
            "--db-filename",
            dir.resolve(DB_FILE).toString()));
    for (String attribute : MigrationSearchAttributes.cliFlags()) {
      args.add("--search-attribute");
      args.add(attribute);
    }
    uiCodecEndpoint.ifPresent(
        endpoint -> {
          args.add("--ui-codec-endpoint");
          args.add(endpoint);
        });
    return args;
  }

  private void awaitReady(long deadline) throws IOException {
    // a gRPC channel backs off after refused connections; a plain socket sees the port open at once
    while (!accepts(port)) {
      requireRunning();
      pause(deadline);
    }
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    try {
      while (true) {
        try {
          DescribeNamespaceResponse namespace =
              stubs
                  .blockingStub()
                  .withDeadlineAfter(5, TimeUnit.SECONDS)
                  .describeNamespace(
                      DescribeNamespaceRequest.newBuilder()
                          .setNamespace(MigrationNames.NAMESPACE)
                          .build());
          if (namespace.getConfig().getWorkflowExecutionRetentionTtl().getSeconds()
              < RETENTION.toSeconds()) {
            stubs
                .blockingStub()
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .updateNamespace(
                    UpdateNamespaceRequest.newBuilder()
                        .setNamespace(MigrationNames.NAMESPACE)
                        .setConfig(
                            NamespaceConfig.newBuilder()
                                .setWorkflowExecutionRetentionTtl(
                                    com.google.protobuf.Duration.newBuilder()
                                        .setSeconds(RETENTION.toSeconds())))
                        .build());
          }
          serverVersion =
              stubs
                  .blockingStub()
                  .withDeadlineAfter(5, TimeUnit.SECONDS)
                  .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                  .getServerVersion();
          return;
        } catch (StatusRuntimeException e) {
          // UNAVAILABLE or NOT_FOUND while the server is still starting
          requireRunning();
          pause(deadline);
        }
      }
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void requireRunning() throws IOException {
    if (!process.isAlive()) {
      throw new IOException(
          "the Temporal dev server exited with code "
              + process.exitValue()
              + " during start-up; the end of "
              + logFile()
              + ":\n"
              + logTail());
    }
  }

  private void pause(long deadline) throws IOException {
    if (System.nanoTime() > deadline) {
      throw new IOException(
          "the Temporal dev server did not answer on "
              + target()
              + " within "
              + STARTUP_TIMEOUT.toSeconds()
              + " s; see "
              + logFile());
    }
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the Temporal dev server", e);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** Records the processes to stop; without the script a shutdown hook stands in for it. */
  private void watchProcesses() {
    processes.add(process.toHandle());
    process.descendants().forEach(processes::add);
    if (!stopsWithStdin) {
      shutdownHook = new Thread(this::close, "temporal-dev-server-stop");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  public int port() {
    return port;
  }

  public Path databaseFile() {
    return dataDir.resolve(DB_FILE);
  }

  public Path logFile() {
    return dataDir.resolve(LOG_FILE);
  }

  /** The version the server reports, e.g. {@code 1.29.1}. */
  public String serverVersion() {
    return serverVersion;
  }

  /** The processes this server runs as (the stop script, the CLI), for checks that they end. */
  public List<ProcessHandle> processes() {
    return List.copyOf(processes);
  }

  @Override
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public Optional<String> webUiUrl() {
    return Optional.of("http://127.0.0.1:" + uiPort);
  }

  @Override
  public String description() {
    return "Temporal CLI dev server " + serverVersion + ", runs kept in " + databaseFile();
  }

  /** Stops the server (SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}) and frees the folder. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down; the hook's own close() returns at once
      }
    }
    List<ProcessHandle> all =
        Stream.concat(
                Stream.concat(processes.stream(), Stream.of(process.toHandle())),
                process.descendants())
            .distinct()
            .toList();
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // closing our end of the pipe cannot fail in a way that matters here
    }
    if (!stopsWithStdin) {
      process.destroy();
    }
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (ProcessHandle handle : all) {
      awaitExit(handle, deadline);
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      log.warn("releasing the lock on {} failed: {}", dataDir, e.toString());
    }
  }

  private static void awaitExit(ProcessHandle handle, long deadline) {
    try {
      long left = Math.max(0, deadline - System.nanoTime());
      handle.onExit().get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      log.warn("Temporal dev server process {} did not stop in time; killing it", handle.pid());
      handle.destroyForcibly();
    } catch (ExecutionException e) {
      handle.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handle.destroyForcibly();
    }
  }
}
