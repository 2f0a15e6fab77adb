package org.neonmigrate.sandbox.rehearse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shipped worker jar in its own process, configured only by its environment, its output in a
 * file. Killed with SIGKILL: no shutdown hook, no graceful stop of pollers or running activities.
 */
final class WorkerProcess {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final Path log;
  private final Process process;
  private final String healthUrl;
  private final long launchedAt = System.nanoTime();
  volatile double readyAfterS = -1;

  private WorkerProcess(String name, Process process, Path log, String healthUrl) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.healthUrl = healthUrl;
  }

  static WorkerProcess start(
      String name, Path jar, Map<String, String> env, int healthPort, Path log, String marker)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " does not exist: build it with mvn -B -q package -DskipTests");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java, "-Xmx384m", "-Dneonmigrate.rehearsal=" + marker, "-jar", jar.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(healthPort));
    return new WorkerProcess(
        name, builder.start(), log, "http://127.0.0.1:" + healthPort + "/health");
  }

  void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(healthUrl))
                    .timeout(Duration.ofSeconds(3))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          readyAfterS = (System.nanoTime() - launchedAt) / 1e9;
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IOException(name + " not healthy after " + timeout + "; see " + log);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, and wait until the process is gone. */
  void killHard() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
