package org.neonmigrate.sandbox;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.sandbox.temporal.Ports;
import org.neonmigrate.sandbox.temporal.SandboxTemporal;
import org.neonmigrate.sandbox.temporal.TemporalSettings;
import org.neonmigrate.worker.WorkerApplication;
import org.neonmigrate.workflows.TaskQueues;
import org.neonmigrate.workflows.codec.PayloadProtection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sandbox: starts its components in order (Temporal, simulators, then the in-process
 * worker and REST API when enabled) and closes them in reverse.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

  private final SandboxOptions options;
  private final Map<String, Object> workerOverrides;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private SandboxTemporal temporal;
  private SandboxEncryption encryption;
  private int apiPort;
  private Simulators simulators;
  private ApplicationContext worker;
  private EmbeddedServer api;

  private Sandbox(SandboxOptions options, Map<String, Object> workerOverrides) {
    this.options = options;
    this.workerOverrides = Map.copyOf(workerOverrides);
  }

  /**
   * Starts every component. Tests should name their Temporal ({@code --temporal in-memory}, or
   * {@code --temporal-dir} a temporary folder): the dev server's default folder is the user's own
   * and keeps every run, also a test's.
   */
  public static Sandbox start(SandboxOptions options) throws IOException {
    return start(options, Map.of());
  }

  /** As above, with worker configuration on top (e.g. {@code notifications.webhook-url}). */
  public static Sandbox start(SandboxOptions options, Map<String, Object> workerOverrides)
      throws IOException {
    Sandbox sandbox = new Sandbox(options, workerOverrides);
    try {
      sandbox.startComponents();
    } catch (IOException | RuntimeException e) {
      sandbox.close();
      throw e;
    }
    return sandbox;
  }

  private void startComponents() throws IOException {
    TemporalSettings temporalSettings = options.temporal();
    if (!options.noApi()) {
      // known before the dev server starts, so its Web UI can be pointed at the API's codec
      apiPort = options.apiPort() == 0 ? Ports.free() : options.apiPort();
      temporalSettings =
          temporalSettings.withUiCodecEndpoint("http://127.0.0.1:" + apiPort + "/codec");
    }
    temporal = SandboxTemporal.start(temporalSettings);
    started.push(temporal);
    encryption = SandboxEncryption.choose(options, temporal);
    log.info("payload encryption {}", encryption.description());
    simulators = Simulators.start(options.simulators());
    started.push(simulators);
    if (!options.noWorker()) {
      // pushed after the simulators so it stops polling before they go away
      worker = WorkerApplication.start(workerProperties());
      started.push(worker);
    }
    if (!options.noApi()) {
      api = ApiApplication.start(apiProperties());
      started.push(api);
    }
  }

  /** The worker's configuration: everything pointed at the sandbox's Temporal and simulators. */
  Map<String, Object> workerProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("micronaut.server.port", micronautPort(options.workerPort()));
    p.put("temporal.address", temporal.target());
    p.put(TaskQueues.PROPERTY, options.taskQueue());
    p.put("neon.api.url", simulators.neon().baseUrl());
    p.put("neon.api.key", options.apiKey());
    p.put("azure.arm.url", simulators.arm().baseUrl());
    p.put("azure.static-token", ArmSimulator.DEFAULT_TOKEN);
    p.put("neon.budget.per-minute", options.ratePerMinute());
    p.put("neon.budget.per-route-per-second", options.burstPerSecond());
    p.put("api-keys.drop-dir", keyDropDir().toString());
    p.putAll(encryption.properties());
    p.putAll(workerOverrides);
    return p;
  }

  /**
   * The REST API's configuration: the embedded Temporal, and the demo tokens ({@code
   * sandbox-operator}, ...) switched on, which the shipped API refuses by default.
   */
  Map<String, Object> apiProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("micronaut.server.port", apiPort);
    p.put("temporal.address", temporal.target());
    p.put(TaskQueues.PROPERTY, options.taskQueue());
    p.put("neonmigrate.api.demo-tokens-enabled", true);
    p.putAll(encryption.properties());
    // the Web UI calls the codec from the browser, which may name the host either way
    temporal
        .webUiUrl()
        .ifPresent(
            ui ->
                p.put(
                    "neonmigrate.codec.web-ui-origin",
                    ui + "," + ui.replace("://127.0.0.1:", "://localhost:")));
    return p;
  }

  /** Where the replacement org API keys' secrets land in the sandbox (never in Temporal). */
  public static Path keyDropDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "neonmigrate-sandbox", "api-keys");
  }

  /** Micronaut reads -1 as "any free port"; the sandbox's flags use 0 for that. */
  private static int micronautPort(int port) {
    return port == 0 ? -1 : port;
  }

  public SandboxOptions options() {
    return options;
  }

  public SandboxTemporal temporal() {
    return temporal;
  }

  /**
   * How the sandbox's payloads are stored; a client of its Temporal needs this data converter to
   * read what the worker wrote.
   */
  public PayloadProtection payloadProtection() {
    return encryption.protection();
  }

  /** The payload encryption settings as environment variables, for worker processes. */
  public Map<String, String> encryptionEnvironment() {
    return encryption.environment();
  }

  /** The payload encryption, in one line for the quick start. */
  public String encryptionDescription() {
    return encryption.description();
  }

  /** The REST API's codec endpoint, for the Web UI and {@code temporal --codec-endpoint}. */
  public Optional<String> codecEndpoint() {
    return apiUrl().map(url -> url + "/codec");
  }

  /** The REST API's base URL, e.g. {@code http://localhost:8080}; empty with {@code --no-api}. */
  public Optional<String> apiUrl() {
    return Optional.ofNullable(api).map(server -> "http://127.0.0.1:" + server.getPort());
  }

  /** The worker's health and metrics URL; empty with {@code --no-worker}. */
  public Optional<String> workerUrl() {
    return Optional.ofNullable(worker)
        .map(context -> context.getBean(EmbeddedServer.class))
        .map(server -> "http://127.0.0.1:" + server.getPort());
  }

  /** The in-process worker, for tests that look at how it was configured. */
  public Optional<ApplicationContext> workerContext() {
    return Optional.ofNullable(worker);
  }

  public Simulators simulators() {
    return simulators;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        // keep closing the rest; one failed close must not leave ports bound
        log.warn("closing {} failed: {}", component.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
