package org.neonmigrate.sandbox.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.sandbox.Simulators;
import org.neonmigrate.sandbox.neon.Faults;
import org.neonmigrate.sandbox.neon.RateLimits;
import org.neonmigrate.sandbox.seed.MigrationExample;
import org.neonmigrate.sandbox.seed.SeedSpec;
import org.neonmigrate.sandbox.temporal.DevServerTemporal;
import org.neonmigrate.sandbox.temporal.EmbeddedTemporal;
import org.neonmigrate.sandbox.temporal.Ports;
import org.neonmigrate.sandbox.temporal.SandboxTemporal;
import org.neonmigrate.sandbox.temporal.TemporalCli;
import org.neonmigrate.sandbox.temporal.TemporalSettings;
import org.neonmigrate.workflows.migration.Step;

/**
 * One rehearsal: the simulators seeded with synthetic orgs, Temporal (the CLI's dev server, or the
 * in-memory one), the REST API in this JVM, the shipped worker jar as separate processes; one batch
 * started and approved through the REST API while workers and the server are killed and the
 * simulators lose answers and fail calls; then the audit of the simulators' state.
 */
public final class Rehearsal implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  // a JVM start on a loaded laptop (the dev server, the API and the other workers all busy) can
  // take over a minute
  private static final Duration WORKER_READY = Duration.ofMinutes(3);
  private static final String OPERATOR = "sandbox-operator";
  private static final String APPROVER = "sandbox-approver";
  private static final String VIEWER = "sandbox-viewer";

  private final RehearseOptions options;
  private final PrintStream progress;
  private final Path dir;
  private final String neonKey = "neon-rehearsal-" + UUID.randomUUID();
  private final String armToken = "arm-rehearsal-" + UUID.randomUUID();
  private final List<WorkerProcess> workers = new CopyOnWriteArrayList<>();
  private final List<WorkerProcess> starting = new CopyOnWriteArrayList<>();
  private final Thread killer = new Thread(this::killWorkers, "rehearsal-worker-killer");
  private Path workerJar;
  private Optional<Path> cli = Optional.empty();
  private Simulators simulators;
  private volatile SandboxTemporal temporal;
  private EmbeddedServer api;
  private int workerCount;
  private int workerKills;
  private int temporalRestarts;

  private Rehearsal(RehearseOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
    this.dir = options.dir().toAbsolutePath();
  }

  /** Runs the rehearsal and returns its audit as one JSON object. */
  public static ObjectNode run(RehearseOptions options, PrintStream progress)
      throws IOException, InterruptedException {
    try (Rehearsal r = new Rehearsal(options, progress)) {
      return r.rehearse();
    }
  }

  private ObjectNode rehearse() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    workerJar = options.workerJar().orElseGet(Rehearsal::defaultWorkerJar).toAbsolutePath();
    if (!Files.isRegularFile(workerJar)) {
      throw new IOException(
          "no worker jar at "
              + workerJar
              + ": build it with `mvn -B -q package -DskipTests`, or pass --worker-jar");
    }
    cli =
        options.temporal().equals("in-memory")
            ? Optional.empty()
            : TemporalCli.find(options.temporalCli());
    if (cli.isEmpty() && options.temporal().equals("cli")) {
      throw new IOException(
          "no temporal CLI found (looked in "
              + TemporalCli.searched(System.getenv())
              + "); install it with `"
              + TemporalCli.INSTALL_COMMAND
              + "`");
    }
    if (cli.isEmpty()) {
      say(
          "WARNING: no temporal CLI, so this rehearsal runs on the in-memory Temporal test server:"
              + " not the real server, and it cannot be restarted (--restart-temporal-at is"
              + " skipped). Install the CLI to rehearse on the real one.");
    }

    double e = options.neonErrors() / 3;
    simulators =
        Simulators.start(
            new Simulators.Settings(
                0,
                0,
                armToken,
                // the bench measures Neon's rate limits; here they are lifted to rehearse trouble
                new RateLimits.Settings(60_000, 1_000),
                new Faults.Settings(e, e, e, options.latencyMs()),
                new SeedSpec(
                    neonKey,
                    options.orgs(),
                    options.projects(),
                    options.members(),
                    options.seed())));
    List<MigrationExample> orgs = simulators.examples();
    Inventory inventory = Inventory.take(simulators.neon().state(), orgs);
    simulators.neon().faults().update(new Faults.LostResponses(options.loseResponses()));
    simulators.arm().loseResponses(options.loseResponses());

    temporal = startTemporal(0);
    say("Temporal: " + temporal.description() + " at " + temporal.target());
    temporal.webUiUrl().ifPresent(url -> say("Temporal Web UI: " + url));
    api =
        ApiApplication.start(
            Map.of(
                "micronaut.server.port",
                -1,
                "micronaut.server.host",
                "127.0.0.1",
                "temporal.address",
                temporal.target(),
                "neonmigrate.api.demo-tokens-enabled",
                true));
    String apiUrl = "http://127.0.0.1:" + api.getPort();
    Runtime.getRuntime().addShutdownHook(killer);
    for (int i = 0; i < options.workers(); i++) {
      workers.add(startWorker());
    }
    say(
        String.format(
            "%d orgs (%d projects), %d workers from %s, logs in %s",
            orgs.size(), inventory.projects(), workers.size(), workerJar, dir));

    String batchId = "rehearsal-" + Long.toString(System.currentTimeMillis(), 36);
    long begin = System.nanoTime();
    HttpResponse<String> posted =
        call("POST", apiUrl + "/batches", OPERATOR, batchBody(batchId, orgs));
    if (posted.statusCode() != 202) {
      throw new IOException("POST /batches answered " + posted.statusCode() + ": " + posted.body());
    }

    List<Disruption> plan = plan();
    List<ObjectNode> carriedOut = new ArrayList<>();
    Timeline timeline = new Timeline(begin);
    CompletableFuture<Void> action = CompletableFuture.completedFuture(null);
    Map<String, String> rows = Map.of();
    long deadline = begin + options.deadline().toNanos();
    long lastSaid = 0;
    int next = 0;
    while (System.nanoTime() < deadline) {
      Optional<JsonNode> report = patiently(apiUrl + "/batches/" + batchId + "/report");
      if (report.isPresent()) {
        rows = steps(report.get());
        timeline.observe(rows);
        if (finished(rows) == orgs.size() && action.isDone()) {
          break;
        }
        approveWaitingGates(apiUrl, batchId, report.get());
      }
      long now = System.nanoTime();
      if (action.isDone() && next < plan.size() && now - begin >= plan.get(next).at.toNanos()) {
        finish(action);
        Disruption d = plan.get(next++);
        if (finished(rows) < orgs.size()) {
          carriedOut.add(timeline.disrupted(d.name, rows));
          say(d.name + " at " + seconds(now - begin) + " s");
          action = CompletableFuture.runAsync(d.action::runUnchecked);
        }
      }
      if (now - lastSaid > TimeUnit.SECONDS.toNanos(10)) {
        lastSaid = now;
        say(
            String.format(
                "%.0f s: %d/%d finished, %d working; %s",
                (now - begin) / 1e9, finished(rows), orgs.size(), working(rows), countsOf(rows)));
      }
      Thread.sleep(500);
    }
    finish(action);
    double elapsedS = (System.nanoTime() - begin) / 1e9;
    boolean allFinished = finished(rows) == orgs.size();
    if (!allFinished) {
      say("the batch did not finish within " + options.deadline() + ": " + countsOf(rows));
    }

    Map<String, JsonNode> runReports = new LinkedHashMap<>();
    for (MigrationExample org : orgs) {
      patiently(apiUrl + "/migrations/" + org.sourceOrgId() + "/report")
          .ifPresent(r -> runReports.put(org.sourceOrgId(), r));
    }
    Inventory.Audit audit = inventory.audit(simulators, runReports, dir.resolve("api-keys"));
    long completed =
        runReports.values().stream()
            .filter(r -> r.path("finalStep").asText().equals(Step.COMPLETED.name()))
            .count();
    long failed = runReports.values().stream().filter(r -> r.path("failure").isObject()).count();
    timeline.settle(carriedOut);

    ObjectNode out = JSON.createObjectNode();
    out.put("orgs", orgs.size());
    out.put("completed", completed);
    out.put("failed", failed);
    out.put("unfinished", orgs.size() - finished(rows));
    out.put("projects", inventory.projects());
    out.put("projectsInDestination", audit.projectsInDestination);
    audit.problems().forEach((name, found) -> out.put(name, found.size()));
    out.put("apiKeysUnsavedNamedForRevoking", audit.apiKeysUnsavedNamedForRevoking);
    out.put("armDeletions", audit.armDeletions);
    out.put("workerKills", workerKills);
    out.put("temporalRestarts", temporalRestarts);
    out.put("neonAnswersLost", simulators.neon().faults().answersLost());
    out.put("neonErrorsInjected", simulators.neon().faults().randomErrorsAnswered());
    out.put("armAnswersLost", simulators.arm().answersLost());
    out.put(
        "neonCalls",
        simulators.neon().calls().counts().values().stream()
            .flatMap(m -> m.values().stream())
            .mapToInt(Integer::intValue)
            .sum());
    out.put("temporal", cli.isPresent() ? "dev server " + TemporalCli.VERSION : "in-memory");
    out.put("workers", options.workers());
    out.put("elapsedS", Math.round(elapsedS * 10) / 10.0);
    ArrayNode disruptions = out.putArray("disruptions");
    carriedOut.forEach(disruptions::add);
    boolean clean = allFinished && completed == orgs.size() && audit.clean();
    out.put("clean", clean);
    ObjectNode examples = out.putObject("examples");
    audit
        .problems()
        .forEach(
            (name, found) -> {
              if (!found.isEmpty()) {
                ArrayNode list = examples.putArray(name);
                found.stream().limit(5).forEach(list::add);
              }
            });
    runReports.forEach(
        (org, r) -> {
          if (r.path("failure").isObject() && examples.size() < 20) {
            examples.put("failed:" + org, r.path("failure").toString());
          }
        });
    return out;
  }

  // ---- the disruptions

  private record Disruption(Duration at, String name, Action action) {}

  private interface Action {
    void run() throws Exception;

    default void runUnchecked() {
      try {
        run();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Waits for a disruption; one that could not be carried out ends the rehearsal. */
  private static void finish(CompletableFuture<Void> action) throws IOException {
    try {
      action.join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause =
          e.getCause() instanceof IllegalStateException s && s.getCause() != null
              ? s.getCause()
              : e.getCause();
      throw new IOException("a disruption could not be carried out: " + cause.getMessage(), cause);
    }
  }

  /** Worker kills every period and server restarts at their times, in time order. */
  private List<Disruption> plan() {
    List<Disruption> plan = new ArrayList<>();
    if (!options.killWorkerEvery().isZero()) {
      long every = options.killWorkerEvery().toMillis();
      for (long at = every; at < options.deadline().toMillis(); at += every) {
        int n = plan.size();
        plan.add(
            new Disruption(
                Duration.ofMillis(at),
                "worker SIGKILL",
                () -> killAndRestartWorker(n % options.workers())));
      }
    }
    if (cli.isPresent()) {
      for (Duration at : options.restartTemporalAt()) {
        plan.add(new Disruption(at, "dev server SIGKILL", this::killAndRestartServer));
      }
    }
    plan.sort((a, b) -> a.at.compareTo(b.at));
    return plan;
  }

  private void killAndRestartWorker(int index) throws Exception {
    WorkerProcess current = workers.get(index);
    current.killHard();
    workerKills++;
    workers.set(index, startWorker());
  }

  /** SIGKILLs the server process itself, then starts a new one on the same port and database. */
  private void killAndRestartServer() throws Exception {
    DevServerTemporal old = (DevServerTemporal) temporal;
    List<ProcessHandle> server =
        old.processes().stream()
            .filter(p -> p.info().command().map(c -> c.endsWith("temporal")).orElse(false))
            .toList();
    if (server.isEmpty()) {
      server = old.processes();
    }
    server.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : server) {
      p.onExit().get(10, TimeUnit.SECONDS);
    }
    old.close();
    Files.copy(
        old.logFile(),
        dir.resolve("temporal-before-restart-" + (temporalRestarts + 1) + ".log"),
        StandardCopyOption.REPLACE_EXISTING);
    temporal = startTemporal(old.port());
    temporalRestarts++;
  }

  private SandboxTemporal startTemporal(int port) throws IOException {
    if (cli.isEmpty()) {
      return EmbeddedTemporal.start(0);
    }
    return DevServerTemporal.start(
        cli.get(),
        new TemporalSettings(
            TemporalSettings.Choice.CLI, port, 0, cli, dir.resolve("temporal"), Optional.empty()));
  }

  private WorkerProcess startWorker() throws IOException, InterruptedException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TEMPORAL_ADDRESS", temporal.target());
    env.put("NEON_API_URL", simulators.neon().baseUrl());
    env.put("NEON_API_KEY", neonKey);
    env.put("AZURE_ARM_URL", simulators.arm().baseUrl());
    env.put("AZURE_STATIC_TOKEN", armToken);
    env.put("API_KEYS_DROP_DIR", dir.resolve("api-keys").toString());
    env.put("NEON_BUDGET_PER_MINUTE", "30000");
    env.put("NEON_BUDGET_PER_ROUTE_PER_SECOND", "500");
    // the simulator applies a transfer at once: a POST whose answer was lost is known within
    // seconds, where a real transfer may take minutes (the worker's default window is 120 s)
    env.put("NEON_TRANSFER_SETTLE_WINDOW", "15s");
    env.put("NEON_TRANSFER_SETTLE_POLL", "1s");
    IOException last = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      String name = "worker-" + (++workerCount);
      WorkerProcess worker =
          WorkerProcess.start(
              name, workerJar, env, Ports.free(), dir.resolve(name + ".log"), dir.toString());
      starting.add(worker);
      try {
        worker.awaitHealthy(WORKER_READY);
        return worker;
      } catch (IOException notReady) {
        // a process that never became ready must not outlive the rehearsal
        worker.killHard();
        last = notReady;
        say(notReady.getMessage() + (attempt == 1 ? "; starting another" : ""));
      } finally {
        starting.remove(worker);
      }
    }
    throw last;
  }

  private void killWorkers() {
    List<WorkerProcess> all = new ArrayList<>(workers);
    all.addAll(starting);
    for (WorkerProcess w : all) {
      try {
        w.killHard();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The worker jar this build made ({@code worker/target/neonmigrate-worker-VERSION-all.jar}),
   * found beside the sandbox's module when this runs from {@code sandbox/target/}, else under the
   * current folder.
   */
  static Path defaultWorkerJar() {
    List<Path> roots = new ArrayList<>();
    try {
      Path self =
          Path.of(Rehearsal.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (self.getParent() != null && self.getParent().getParent() != null) {
        roots.add(self.getParent().getParent().getParent());
      }
    } catch (URISyntaxException | NullPointerException | SecurityException unknown) {
      // only the current folder, then
    }
    roots.add(Path.of(""));
    for (Path root : roots) {
      Path target = (root == null ? Path.of("") : root).resolve("worker").resolve("target");
      if (Files.isDirectory(target)) {
        try (var files = Files.list(target)) {
          Optional<Path> jar =
              files
                  .filter(
                      f -> {
                        String n = f.getFileName().toString();
                        return n.startsWith("neonmigrate-worker-") && n.endsWith("-all.jar");
                      })
                  .findFirst();
          if (jar.isPresent()) {
            return jar.get();
          }
        } catch (IOException unreadable) {
          // try the next place
        }
      }
    }
    return Path.of("worker", "target", "neonmigrate-worker-VERSION-all.jar");
  }

  // ---- the batch, through the REST API

  private String batchBody(String batchId, List<MigrationExample> orgs) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("batchId", batchId);
    body.put("concurrency", options.concurrency());
    ArrayNode migrations = body.putArray("migrations");
    for (MigrationExample e : orgs) {
      ObjectNode m = migrations.addObject();
      m.put("sourceOrgId", e.sourceOrgId());
      m.put("destinationOrgId", e.destinationOrgId());
      ObjectNode azure = m.putObject("azure");
      azure.put("subscriptionId", e.azure().subscriptionId());
      azure.put("resourceGroup", e.azure().resourceGroup());
      azure.put("resourceName", e.azure().resourceName());
      m.put("dryRun", false);
      m.put("replaceOrgApiKeys", true);
    }
    return JSON.writeValueAsString(body);
  }

  /** Approves each gate a child waits at, as another person than the batch's requester. */
  private static void approveWaitingGates(String apiUrl, String batchId, JsonNode report)
      throws InterruptedException {
    Set<String> gates = new java.util.TreeSet<>();
    for (JsonNode row : report.path("orgs")) {
      String gate = row.path("awaitingGate").asText("");
      if (!gate.isEmpty()) {
        gates.add(gate);
      }
    }
    for (String gate : gates) {
      try {
        call(
            "POST",
            apiUrl + "/batches/" + batchId + "/approvals",
            APPROVER,
            "{\"gate\":\"" + gate + "\",\"comment\":\"approved by the rehearsal\"}");
      } catch (IOException unreachable) {
        // Temporal is restarting or the call timed out: the next round asks again
      }
    }
  }

  /** The answer, or empty while Temporal cannot answer (503, timeouts, the server restarting). */
  private static Optional<JsonNode> patiently(String url) throws InterruptedException {
    try {
      HttpResponse<String> r = call("GET", url, VIEWER, null);
      return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
    } catch (IOException unavailable) {
      return Optional.empty();
    }
  }

  private static HttpResponse<String> call(String method, String url, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Each org's state in a word: a step, AWAITING_gate, ENDED_step, STARTING or NOT_STARTED. */
  static Map<String, String> steps(JsonNode report) {
    Map<String, String> steps = new HashMap<>();
    for (JsonNode row : report.path("orgs")) {
      String step = row.path("step").asText("");
      if (row.path("finished").asBoolean()) {
        step = step.equals(Step.COMPLETED.name()) ? step : "ENDED_" + step;
      } else if (!row.path("awaitingGate").asText("").isEmpty()) {
        step = "AWAITING_" + row.path("awaitingGate").asText();
      } else if (step.isEmpty()) {
        step = row.path("started").asBoolean() ? "STARTING" : "NOT_STARTED";
      }
      steps.put(row.path("sourceOrgId").asText(), step);
    }
    return steps;
  }

  static long finished(Map<String, String> rows) {
    return rows.values().stream()
        .filter(s -> s.equals(Step.COMPLETED.name()) || s.startsWith("ENDED_"))
        .count();
  }

  static long working(Map<String, String> rows) {
    return rows.values().stream().filter(Rehearsal::isWorking).count();
  }

  static boolean isWorking(String step) {
    return !step.equals(Step.COMPLETED.name())
        && !step.startsWith("ENDED_")
        && !step.startsWith("AWAITING_")
        && !step.equals("NOT_STARTED");
  }

  private static String countsOf(Map<String, String> rows) {
    return new TreeMap<>(
            rows.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
        .toString();
  }

  private static String seconds(long nanos) {
    return String.format("%.1f", nanos / 1e9);
  }

  private void say(String line) {
    progress.println("[rehearse] " + line);
  }

  /**
   * When orgs changed step, to tell after each disruption how long the batch stood still and how
   * long until every org in flight at that moment moved on.
   */
  private static final class Timeline {
    private final long begin;
    private final Map<String, String> last = new HashMap<>();
    private final Map<String, List<Long>> changedAt = new HashMap<>();
    private final List<Long> changes = new ArrayList<>();
    private final Map<ObjectNode, Long> at = new java.util.IdentityHashMap<>();
    private final Map<ObjectNode, Set<String>> inFlight = new java.util.IdentityHashMap<>();

    Timeline(long begin) {
      this.begin = begin;
    }

    void observe(Map<String, String> rows) {
      long now = System.nanoTime();
      boolean changed = false;
      for (Map.Entry<String, String> row : rows.entrySet()) {
        String before = last.put(row.getKey(), row.getValue());
        if (before != null && !before.equals(row.getValue())) {
          changed = true;
          changedAt.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(now);
        }
      }
      if (changed) {
        changes.add(now);
      }
    }

    ObjectNode disrupted(String name, Map<String, String> rows) {
      long now = System.nanoTime();
      ObjectNode event = JSON.createObjectNode();
      event.put("what", name);
      event.put("atS", Math.round((now - begin) / 1e8) / 10.0);
      event.put("finishedBefore", finished(rows));
      at.put(event, now);
      inFlight.put(
          event,
          rows.entrySet().stream()
              .filter(e -> isWorking(e.getValue()))
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet()));
      return event;
    }

    /** Adds to each event how long until the batch, and every org then in flight, moved again. */
    void settle(List<ObjectNode> events) {
      for (ObjectNode event : events) {
        long t = at.get(event);
        long first =
            changes.stream().mapToLong(Long::longValue).filter(c -> c > t).min().orElse(-1);
        event.put("batchMovedAgainAfterS", first < 0 ? -1 : Math.round((first - t) / 1e8) / 10.0);
        Set<String> orgs = inFlight.get(event);
        long all = t;
        boolean everyOne = true;
        for (String org : orgs) {
          Optional<Long> moved =
              changedAt.getOrDefault(org, List.of()).stream().filter(c -> c > t).findFirst();
          if (moved.isPresent()) {
            all = Math.max(all, moved.get());
          } else {
            everyOne = false;
          }
        }
        event.put("orgsInFlight", orgs.size());
        event.put("allInFlightMovedOnAfterS", everyOne ? Math.round((all - t) / 1e8) / 10.0 : -1);
      }
    }
  }

  @Override
  public void close() {
    killWorkers();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException | IllegalArgumentException notRegisteredOrExiting) {
      // the JVM is exiting, or the hook was never added
    }
    if (api != null) {
      api.getApplicationContext().close();
    }
    if (temporal != null) {
      temporal.close();
    }
    if (simulators != null) {
      simulators.close();
    }
  }
}
