package org.neonmigrate.sandbox.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One shipped jar run as {@code docker/Dockerfile} runs it ({@code java -jar <jar>}) in its own
 * process, configured by the given environment variables and nothing else (the test JVM's own
 * environment is not passed on), its output captured to a file; killed on close or when this JVM
 * exits.
 */
final class ShippedJarProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread killer;

  private ShippedJarProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.killer = new Thread(this::kill, "kill-" + name);
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /** Starts {@code java -jar jar} with exactly {@code environment}, output to {@code log}. */
  static ShippedJarProcess start(String name, Path jar, Map<String, String> environment, Path log)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " does not exist: the reactor packages the worker and api modules first");
    }
    Files.createDirectories(log.getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    return new ShippedJarProcess(name, builder.start(), log);
  }

  /** A port nobody listens on right now (another process could take it before the jar binds). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls {@code url} until its answer satisfies {@code ready}; fails if the process exits. */
  void awaitReady(String url, Predicate<HttpResponse<String>> ready, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " exited with " + process.exitValue() + " before it was ready; see " + log);
      }
      try {
        HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.test(answer)) {
          return;
        }
        last = answer.statusCode() + " " + answer.body();
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + " not ready after " + timeout + " (" + last + "); see " + log);
  }

  String name() {
    return name;
  }

  Path logFile() {
    return log;
  }

  /** The process, e.g. to check that it has ended. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  /** Everything the process printed so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private void kill() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException exiting) {
      // already shutting down: the hook runs anyway
    }
  }
}
