package org.neonmigrate.sandbox.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.neonmigrate.worker.WorkerApplication;

/**
 * Worker processes ({@code java -cp <this classpath> WorkerApplication}), each configured by system
 * properties, their peak resident memory sampled from {@code /proc/<pid>/status} ({@code VmHWM}),
 * and every one of them killed on close or when this JVM exits.
 */
final class WorkerFleet implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> healthPorts = new ArrayList<>();
  private final Path logDir;
  private final Thread killer = new Thread(this::kill, "bench-worker-killer");
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-rss-sampler");
            t.setDaemon(true);
            return t;
          });
  private AtomicLongArray peakKb;

  private WorkerFleet(Path logDir) {
    this.logDir = logDir;
  }

  /**
   * Starts {@code count} workers with the given system properties (plus a free health port each)
   * and environment variables (the payload keys), and waits until each one reports healthy.
   */
  static WorkerFleet start(
      int count,
      int heapMb,
      List<String> jvmArgs,
      Map<String, String> properties,
      Map<String, String> environment,
      Path logDir)
      throws IOException, InterruptedException {
    WorkerFleet fleet = new WorkerFleet(logDir);
    Runtime.getRuntime().addShutdownHook(fleet.killer);
    try {
      for (int i = 0; i < count; i++) {
        fleet.launch(i, heapMb, jvmArgs, properties, environment);
      }
      fleet.peakKb = new AtomicLongArray(count);
      fleet.sampler.scheduleAtFixedRate(fleet::sample, 0, 1, TimeUnit.SECONDS);
      for (int i = 0; i < count; i++) {
        fleet.awaitHealthy(i);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      fleet.close();
      throw e;
    }
    return fleet;
  }

  private void launch(
      int index,
      int heapMb,
      List<String> jvmArgs,
      Map<String, String> properties,
      Map<String, String> environment)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heapMb + "m");
    command.addAll(jvmArgs);
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-Dmicronaut.server.port=" + port);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(WorkerApplication.class.getName());
    Path log = logDir.resolve("worker-" + index + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    processes.add(process);
    healthPorts.add(port);
  }

  private void awaitHealthy(int index) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI health = URI.create("http://127.0.0.1:" + healthPorts.get(index) + "/health");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Process p = processes.get(index);
      if (!p.isAlive()) {
        throw new IOException(
            "worker " + index + " exited with " + p.exitValue() + "; see " + logFile(index));
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // the worker is still starting
      }
      Thread.sleep(250);
    }
    throw new IOException("worker " + index + " not healthy after " + READY_TIMEOUT);
  }

  Path logFile(int index) {
    return logDir.resolve("worker-" + index + ".log");
  }

  List<Long> pids() {
    return processes.stream().map(Process::pid).toList();
  }

  /** Reads every live worker's VmHWM (the kernel's own peak RSS) and keeps the highest seen. */
  private void sample() {
    for (int i = 0; i < processes.size(); i++) {
      long kb = vmHwmKb(processes.get(i).pid());
      if (kb > 0) {
        final int index = i;
        peakKb.accumulateAndGet(index, kb, Math::max);
      }
    }
  }

  static long vmHwmKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException gone) {
      // the process ended or this is not Linux: no sample
    }
    return 0;
  }

  /** The highest peak RSS of any one worker, in MB (sampled once more now). */
  double peakRssMb() {
    sample();
    long max = 0;
    for (int i = 0; i < peakKb.length(); i++) {
      max = Math.max(max, peakKb.get(i));
    }
    return max / 1024.0;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void kill() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException exiting) {
      // already shutting down: the hook runs anyway
    }
  }
}
