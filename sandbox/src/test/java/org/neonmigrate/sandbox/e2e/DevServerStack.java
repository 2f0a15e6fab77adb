package org.neonmigrate.sandbox.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.neonmigrate.sandbox.Simulators;
import org.neonmigrate.sandbox.seed.MigrationExample;
import org.neonmigrate.sandbox.seed.SeedSpec;
import org.neonmigrate.sandbox.temporal.DevServerTemporal;
import org.neonmigrate.sandbox.temporal.TemporalCli;
import org.neonmigrate.sandbox.temporal.TemporalSettings;
import org.neonmigrate.workflows.MigrationNames;

/**
 * Production's topology on this machine, for the end-to-end suites on a real Temporal server: the
 * Temporal CLI's dev server (started by the sandbox's {@link DevServerTemporal} on free ports, its
 * database in a fresh folder under {@code target/dev-server-e2e/}), the Neon and ARM simulators of
 * this JVM, and the shipped worker and api jars as separate {@code java -jar} processes configured
 * only by environment variables, as {@code docker/compose.yml} runs them. It starts once per test
 * JVM, for the first suite that needs it, and stops after the last; without a {@code temporal} CLI
 * every test that needs it is skipped, saying why. Every process's output is a file under that
 * folder and is printed when a test fails.
 */
final class DevServerStack implements ExtensionContext.Store.CloseableResource {

  /** Someone the API knows by a token (configured as its hash, as in production). */
  record Person(String subject, String token) {}

  /** Starts the migrations; may approve too, which is what makes four eyes worth checking. */
  static final Person ALICE = new Person("alice@example.com", "alice-it-" + UUID.randomUUID());

  static final Person BOB = new Person("bob@example.com", "bob-it-" + UUID.randomUUID());
  static final Person VIEWER = new Person("dashboards", "viewer-it-" + UUID.randomUUID());

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration GATE_TIMEOUT = Duration.ofSeconds(120);

  /**
   * {@code GET /migrations} answers at most this many runs here (production: 500): few enough that
   * a suite can start more runs than that and so tell a step filter applied by the server's
   * visibility from one applied after a listing, as the API's fallback for servers without
   * visibility does.
   */
  static final int API_LIST_LIMIT = 3;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DevServerStack.class);

  // fresh secrets for every run
  private static final String NEON_KEY = "neon-it-" + UUID.randomUUID();
  private static final String ARM_TOKEN = "arm-it-" + UUID.randomUUID();

  private final Path cli;
  private final Path dir;
  private final List<ShippedJarProcess> jars = new ArrayList<>();
  private DevServerTemporal temporal;
  private Simulators simulators;
  private WorkflowServiceStubs service;
  private WorkflowClient client;
  private String apiUrl;

  private DevServerStack(Path cli, Path dir) {
    this.cli = cli;
    this.dir = dir;
  }

  /** The JUnit side: start (or reuse) the stack, hand it to tests, print its logs on a failure. */
  static final class Extension implements BeforeEachCallback, ParameterResolver, TestWatcher {
    private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();
    private static volatile RuntimeException startFailure;

    /** Per test, not per class: each test is then reported as skipped, with the reason. */
    @Override
    public void beforeEach(ExtensionContext context) {
      stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == DevServerStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return stack(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      DevServerStack stack =
          context.getRoot().getStore(NAMESPACE).get(DevServerStack.class, DevServerStack.class);
      if (stack != null) {
        System.err.println(stack.outputs());
      }
    }

    private static DevServerStack stack(ExtensionContext context) {
      Optional<Path> cli = TemporalCli.find(Optional.empty());
      if (cli.isEmpty()) {
        String reason =
            "no temporal CLI found (looked in "
                + TemporalCli.searched(System.getenv())
                + "), so the end-to-end tests on the Temporal dev server are skipped; install it"
                + " with `"
                + TemporalCli.INSTALL_COMMAND
                + "` or run .ci/run";
        if (SKIP_REPORTED.compareAndSet(false, true)) {
          System.err.println("WARNING: " + reason);
        }
        assumeTrue(false, reason);
      }
      if (startFailure != null) {
        throw new IllegalStateException("the dev-server stack did not start earlier", startFailure);
      }
      try {
        return context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                DevServerStack.class, k -> DevServerStack.start(cli.get()), DevServerStack.class);
      } catch (RuntimeException e) {
        // the next test would wait as long again for the same failure
        startFailure = e;
        throw e;
      }
    }
  }

  private static DevServerStack start(Path cli) {
    Path dir = Path.of("target", "dev-server-e2e").toAbsolutePath();
    DevServerStack stack = new DevServerStack(cli, dir);
    try {
      deleteRecursively(dir);
      Files.createDirectories(dir);
      stack.startAll();
      return stack;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      System.err.println(stack.outputs());
      stack.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the dev-server stack did not start: " + e, e);
    }
  }

  private void startAll() throws IOException, InterruptedException {
    temporal =
        DevServerTemporal.start(cli, TemporalSettings.devServer(cli, dir.resolve("temporal")));
    Simulators.Settings defaults = Simulators.Settings.forTests();
    simulators =
        Simulators.start(
            new Simulators.Settings(
                0,
                0,
                ARM_TOKEN,
                defaults.rateLimits(),
                defaults.faults(),
                SeedSpec.demo(NEON_KEY)));
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder().setNamespace(MigrationNames.NAMESPACE).build());

    int workerPort = ShippedJarProcess.freePort();
    Map<String, String> workerEnv = new LinkedHashMap<>();
    workerEnv.put("TEMPORAL_ADDRESS", temporal.target());
    workerEnv.put("TEMPORAL_NAMESPACE", MigrationNames.NAMESPACE);
    workerEnv.put("NEON_API_URL", simulators.neon().baseUrl());
    workerEnv.put("NEON_API_KEY", NEON_KEY);
    workerEnv.put("AZURE_ARM_URL", simulators.arm().baseUrl());
    // a fixed bearer token instead of Entra ID: what the ARM simulator accepts
    workerEnv.put("AZURE_STATIC_TOKEN", ARM_TOKEN);
    workerEnv.put("API_KEYS_DROP_DIR", dir.resolve("api-keys").toString());
    workerEnv.put("MICRONAUT_SERVER_PORT", Integer.toString(workerPort));
    ShippedJarProcess worker = startJar("worker", "worker.jar", workerEnv);

    int apiPort = ShippedJarProcess.freePort();
    Map<String, String> apiEnv = new LinkedHashMap<>();
    apiEnv.put("TEMPORAL_ADDRESS", temporal.target());
    apiEnv.put("TEMPORAL_NAMESPACE", MigrationNames.NAMESPACE);
    apiEnv.put("MICRONAUT_SERVER_PORT", Integer.toString(apiPort));
    apiEnv.put("MICRONAUT_CONFIG_FILES", tokensFile().toString());
    apiEnv.put("NEONMIGRATE_API_LIST_LIMIT", Integer.toString(API_LIST_LIMIT));
    ShippedJarProcess api = startJar("api", "api.jar", apiEnv);

    // both JVMs start side by side; on two cores that is most of the stack's start-up
    worker.awaitReady(
        "http://127.0.0.1:" + workerPort + "/health",
        r -> r.statusCode() == 200 && r.body().contains("\"UP\""),
        START_TIMEOUT);
    apiUrl = "http://127.0.0.1:" + apiPort;
    api.awaitReady(apiUrl + "/health", r -> r.statusCode() == 200, START_TIMEOUT);
  }

  private ShippedJarProcess startJar(String name, String jarProperty, Map<String, String> env)
      throws IOException {
    String jar = System.getProperty(jarProperty);
    if (jar == null) {
      throw new IllegalStateException(
          "system property " + jarProperty + " is not set: run with mvn verify (failsafe)");
    }
    ShippedJarProcess p =
        ShippedJarProcess.start(name, Path.of(jar), env, dir.resolve(name + ".log"));
    jars.add(p);
    return p;
  }

  /** Alice, Bob and a dashboard as docker/api-tokens.example.yml lays them out (hashes only). */
  private Path tokensFile() throws IOException {
    String yaml =
        """
        neonmigrate:
          api:
            tokens:
              alice:
                sha256: %s
                subject: %s
                roles: [operator, approver]
              bob:
                sha256: %s
                subject: %s
                roles: [approver]
              dashboards:
                sha256: %s
                subject: %s
                roles: [viewer]
        """
            .formatted(
                sha256(ALICE.token()),
                ALICE.subject(),
                sha256(BOB.token()),
                BOB.subject(),
                sha256(VIEWER.token()),
                VIEWER.subject());
    Path file = dir.resolve("api-tokens.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  /** The CLI whose dev server this is; the README suite runs its commands with it. */
  Path cli() {
    return cli;
  }

  /** Where this stack keeps its logs and data. */
  Path dir() {
    return dir;
  }

  String temporalTarget() {
    return temporal.target();
  }

  Simulators simulators() {
    return simulators;
  }

  /** A Temporal client of this JVM: another client than the API, for runs the API never saw. */
  WorkflowClient client() {
    return client;
  }

  /**
   * Replaces the simulators' state with {@code orgs} synthetic orgs (0: the demo set) and returns
   * their migration inputs. The seed's randomness is fixed, so the key's user keeps its id and the
   * worker, which learnt it at start-up, still finds itself an admin of every org.
   */
  List<MigrationExample> seed(int orgs, int projects, int members) {
    return simulators.seed(new SeedSpec(NEON_KEY, orgs, projects, members, 42));
  }

  HttpResponse<String> call(String method, String path, Person who, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(Duration.ofSeconds(30));
    if (who != null) {
      b.header("Authorization", "Bearer " + who.token());
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GETs {@code path} as the viewer until its JSON satisfies {@code condition}. */
  JsonNode awaitJson(String path, Predicate<JsonNode> condition) throws InterruptedException {
    long deadline = System.nanoTime() + GATE_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = call("GET", path, VIEWER, null);
      last = response.statusCode() + " " + response.body();
      if (response.statusCode() == 200) {
        JsonNode json = json(response.body());
        if (condition.test(json)) {
          return json;
        }
        if ("FAILED".equals(json.path("step").asText())) {
          throw new AssertionError("GET " + path + " answered a failed run: " + last);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "GET " + path + " never matched within " + GATE_TIMEOUT + "; last answer: " + last);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /** Every process's output so far, for a failed test. */
  String outputs() {
    StringBuilder out = new StringBuilder();
    for (ShippedJarProcess p : jars) {
      out.append(section(p.name() + " output (" + p.logFile() + ")", p.output()));
    }
    Path serverLog = dir.resolve("temporal").resolve(DevServerTemporal.LOG_FILE);
    if (Files.exists(serverLog)) {
      out.append(section("Temporal dev server log (" + serverLog + ")", read(serverLog)));
    }
    return out.toString();
  }

  static String section(String title, String body) {
    return "%n===== %s =====%n%s%n===== end of %s =====%n".formatted(title, body, title);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /**
   * Stops the api, the worker, the simulators and the server, and checks no process outlives it.
   */
  @Override
  public void close() {
    List<ProcessHandle> processes = new ArrayList<>();
    for (int i = jars.size() - 1; i >= 0; i--) {
      processes.add(jars.get(i).handle());
      jars.get(i).close();
    }
    if (service != null) {
      service.shutdownNow();
      service.awaitTermination(5, TimeUnit.SECONDS);
    }
    if (simulators != null) {
      simulators.close();
    }
    if (temporal != null) {
      processes.addAll(temporal.processes());
      temporal.close();
    }
    List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
    if (!alive.isEmpty()) {
      System.err.println("processes still alive after the dev-server stack stopped: " + alive);
      alive.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
