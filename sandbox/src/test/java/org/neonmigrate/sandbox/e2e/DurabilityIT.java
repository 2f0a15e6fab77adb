package org.neonmigrate.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.sandbox.Simulators;
import org.neonmigrate.sandbox.arm.ArmState;
import org.neonmigrate.sandbox.http.CallLog;
import org.neonmigrate.sandbox.neon.Faults;
import org.neonmigrate.sandbox.neon.NeonModel;
import org.neonmigrate.sandbox.neon.NeonState;
import org.neonmigrate.sandbox.neon.RateLimits;
import org.neonmigrate.sandbox.seed.MigrationExample;
import org.neonmigrate.sandbox.seed.SeedSpec;
import org.neonmigrate.sandbox.temporal.DevServerTemporal;
import org.neonmigrate.sandbox.temporal.TemporalCli;
import org.neonmigrate.sandbox.temporal.TemporalSettings;
import org.neonmigrate.workflows.migration.Step;

/**
 * Durability on a real Temporal server: a batch of synthetic orgs runs on the CLI's dev server
 * (SQLite file) with the shipped worker jar as a separate process, started and approved through the
 * REST API. During the batch the worker is SIGKILLed three times (and started again each time) and
 * the dev server once (and started again on the same database file). The batch must complete with
 * nothing lost and nothing done twice, as the simulators' final state shows. Process outputs go to
 * {@code target/durability/} and are printed when the test fails.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DurabilityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static final int ORGS = 30;
  private static final int PROJECTS = 3;
  private static final int MEMBERS = 3;
  private static final int CONCURRENCY = 10;
  // every Neon call takes this long: children stay in flight long enough to be caught by a kill
  private static final long NEON_LATENCY_MS = 60;
  private static final Duration BATCH_DEADLINE = Duration.ofMinutes(4);
  private static final Duration WORKER_READY = Duration.ofSeconds(90);
  private static final List<String> REPLACED_KEYS = List.of("ci-deploy", "app-backend");

  private static final String NEON_KEY = "neon-durability-" + UUID.randomUUID();
  private static final String ARM_TOKEN = "arm-durability-" + UUID.randomUUID();
  private static final String OPERATOR = "sandbox-operator";
  private static final String APPROVER = "sandbox-approver";
  private static final String VIEWER = "sandbox-viewer";

  private final List<WorkerProcess> workers = new CopyOnWriteArrayList<>();
  private final List<Path> serverLogs = new CopyOnWriteArrayList<>();
  private final String marker = "neonmigrate-durability-" + UUID.randomUUID();
  private Path runDir;
  private Simulators simulators;
  private volatile DevServerTemporal temporal;
  private EmbeddedServer api;

  @RegisterExtension
  final TestWatcher printLogsOnFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          for (WorkerProcess w : workers) {
            System.err.printf(
                "%n===== %s (%s) =====%n%s%n===== end of %s =====%n",
                w.name, w.log, tail(w.log, 300), w.name);
          }
          for (Path log : serverLogs) {
            System.err.printf(
                "%n===== dev server log (%s) =====%n%s%n===== end =====%n", log, tail(log, 150));
          }
        }
      };

  @Test
  void aBatchSurvivesThreeWorkerKillsAndADevServerKillWithNothingLostOrDoneTwice(TestInfo test)
      throws Exception {
    Optional<Path> cli = TemporalCli.find(Optional.empty());
    assumeTrue(
        cli.isPresent(),
        "no temporal CLI found (looked in "
            + TemporalCli.searched(System.getenv())
            + "), so durability on the real server is not tested here; .ci/run installs it");
    runDir = runDir(test);
    Path temporalDir = runDir.resolve("temporal");

    simulators =
        Simulators.start(
            new Simulators.Settings(
                0,
                0,
                ARM_TOKEN,
                new RateLimits.Settings(60_000, 1_000),
                new Faults.Settings(0, 0, 0, NEON_LATENCY_MS),
                new SeedSpec(NEON_KEY, ORGS, PROJECTS, MEMBERS, 7)));
    List<MigrationExample> orgs = simulators.examples();
    assertThat(orgs).hasSize(ORGS);
    Seeded seeded = Seeded.of(simulators.neon().state(), orgs);

    temporal =
        DevServerTemporal.start(cli.get(), TemporalSettings.devServer(cli.get(), temporalDir));
    serverLogs.add(temporal.logFile());
    int temporalPort = temporal.port();
    api =
        ApiApplication.start(
            Map.of(
                "micronaut.server.port",
                -1,
                "temporal.address",
                temporal.target(),
                "neonmigrate.api.demo-tokens-enabled",
                true));
    String apiUrl = "http://127.0.0.1:" + api.getPort();
    startWorker();

    String batchId = "durability-" + Long.toString(System.currentTimeMillis(), 36);
    long begin = System.nanoTime();
    HttpResponse<String> posted =
        call("POST", apiUrl + "/batches", OPERATOR, batchBody(batchId, orgs));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

    Timeline timeline = new Timeline(begin);
    List<Disruption> plan =
        List.of(
            new Disruption(
                "worker SIGKILL 1",
                rows -> passed(rows, Step.TRANSFER) >= 3 && working(rows) > 0,
                this::killAndRestartWorker),
            new Disruption(
                "dev server SIGKILL",
                rows -> finished(rows) >= ORGS / 4 && working(rows) > 0,
                () -> killAndRestartServer(cli.get(), temporalDir, temporalPort)),
            new Disruption(
                "worker SIGKILL 2",
                rows -> finished(rows) >= ORGS / 2 && working(rows) > 0,
                this::killAndRestartWorker),
            new Disruption(
                "worker SIGKILL 3",
                rows -> finished(rows) >= ORGS * 3 / 4 && working(rows) > 0,
                this::killAndRestartWorker));
    List<Disruption> done = new ArrayList<>();
    CompletableFuture<Void> action = CompletableFuture.completedFuture(null);
    Map<String, String> rows = Map.of();
    long deadline = begin + BATCH_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<JsonNode> report = patiently(apiUrl + "/batches/" + batchId + "/report");
      if (report.isPresent()) {
        rows = steps(report.get());
        timeline.observe(rows);
        if (finished(rows) == ORGS && action.isDone()) {
          break;
        }
        approveWaitingGates(apiUrl, batchId, report.get());
      }
      if (action.isDone() && done.size() < plan.size()) {
        action.join();
        Disruption next = plan.get(done.size());
        if (next.due.test(rows)) {
          done.add(next);
          timeline.disrupted(next.name, rows);
          action = CompletableFuture.runAsync(next.action::runUnchecked);
        }
      }
      Thread.sleep(250);
    }
    action.join();
    double elapsedS = (System.nanoTime() - begin) / 1e9;
    System.out.println(timeline.figures(elapsedS, workers));
    assertThat(done).as("disruptions carried out").hasSize(plan.size());
    assertThat(finished(rows))
        .as("orgs finished within %s: %s", BATCH_DEADLINE, new TreeMap<>(rows))
        .isEqualTo(ORGS);

    JsonNode report =
        patiently(apiUrl + "/batches/" + batchId + "/report").orElseThrow(AssertionError::new);
    assertThat(report.path("completed").asInt()).as(report.toString()).isEqualTo(ORGS);
    assertThat(report.path("failed").asInt()).isZero();
    assertThat(new TreeMap<>(rows).values()).containsOnly(Step.COMPLETED.name());

    Map<String, JsonNode> runReports = new LinkedHashMap<>();
    for (MigrationExample org : orgs) {
      runReports.put(
          org.sourceOrgId(),
          patiently(apiUrl + "/migrations/" + org.sourceOrgId() + "/report")
              .orElseThrow(AssertionError::new));
    }
    FinalCounts counts = seeded.assertFinalState(simulators, runReports, runDir);
    System.out.println("[durability] final state: " + counts);
  }

  // ---- the disruptions

  private void killAndRestartWorker() throws Exception {
    WorkerProcess current = workers.get(workers.size() - 1);
    current.killHard();
    startWorker();
  }

  /** SIGKILLs the server process itself, then starts a new one on the same port and database. */
  private void killAndRestartServer(Path cli, Path dir, int port) throws Exception {
    DevServerTemporal old = temporal;
    List<ProcessHandle> server =
        old.processes().stream()
            .filter(p -> p.info().command().map(c -> c.endsWith("temporal")).orElse(false))
            .toList();
    if (server.isEmpty()) {
      // the command line is not readable here: kill the stop script and everything it started
      server = old.processes();
    }
    server.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : server) {
      p.onExit().get(10, TimeUnit.SECONDS);
    }
    old.close();
    Path kept = dir.resolve("temporal-before-kill.log");
    Files.copy(old.logFile(), kept, StandardCopyOption.REPLACE_EXISTING);
    serverLogs.add(0, kept);
    temporal =
        DevServerTemporal.start(
            cli,
            new TemporalSettings(
                TemporalSettings.Choice.CLI, port, 0, Optional.of(cli), dir, Optional.empty()));
  }

  private void startWorker() throws IOException, InterruptedException {
    int healthPort = ShippedJarProcess.freePort();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporal.port());
    env.put("NEON_API_URL", simulators.neon().baseUrl());
    env.put("NEON_API_KEY", NEON_KEY);
    env.put("AZURE_ARM_URL", simulators.arm().baseUrl());
    env.put("AZURE_STATIC_TOKEN", ARM_TOKEN);
    env.put("API_KEYS_DROP_DIR", runDir.resolve("api-keys").toString());
    env.put("MICRONAUT_SERVER_PORT", Integer.toString(healthPort));
    env.put("NEON_BUDGET_PER_MINUTE", "30000");
    env.put("NEON_BUDGET_PER_ROUTE_PER_SECOND", "500");
    // the simulator applies a transfer at once; a POST lost to a kill is known within seconds
    env.put("NEON_TRANSFER_SETTLE_WINDOW", "15s");
    env.put("NEON_TRANSFER_SETTLE_POLL", "1s");
    String name = "worker-" + (workers.size() + 1);
    WorkerProcess worker =
        WorkerProcess.start(name, jar("worker.jar"), env, runDir.resolve(name + ".log"), marker);
    workers.add(worker);
    worker.awaitHealthy("http://127.0.0.1:" + healthPort + "/health", WORKER_READY);
  }

  // ---- the batch, through the REST API

  private static String batchBody(String batchId, List<MigrationExample> orgs) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("batchId", batchId);
    body.put("concurrency", CONCURRENCY);
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
    Set<String> gates =
        stream(report.path("orgs"))
            .map(row -> row.path("awaitingGate").asText(""))
            .filter(g -> !g.isEmpty())
            .collect(Collectors.toSet());
    for (String gate : gates) {
      try {
        call(
            "POST",
            apiUrl + "/batches/" + batchId + "/approvals",
            APPROVER,
            "{\"gate\":\"" + gate + "\",\"comment\":\"checked by the durability test\"}");
      } catch (IOException unreachable) {
        // Temporal is down or the call timed out: the next round asks again
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

  private static Map<String, String> steps(JsonNode report) {
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

  private static long finished(Map<String, String> rows) {
    return rows.values().stream()
        .filter(s -> s.equals(Step.COMPLETED.name()) || s.startsWith("ENDED_"))
        .count();
  }

  /** Orgs a worker is busy with: neither finished, nor waiting for a human, nor unstarted. */
  private static long working(Map<String, String> rows) {
    return rows.values().stream().filter(DurabilityIT::isWorking).count();
  }

  static boolean isWorking(String step) {
    return !step.equals(Step.COMPLETED.name())
        && !step.startsWith("ENDED_")
        && !step.startsWith("AWAITING_")
        && !step.equals("NOT_STARTED");
  }

  /** Orgs beyond {@code step} (finished ones included). */
  private static long passed(Map<String, String> rows, Step step) {
    return rows.values().stream()
        .filter(
            s -> {
              try {
                return Step.valueOf(s).ordinal() > step.ordinal();
              } catch (IllegalArgumentException notAStep) {
                return s.startsWith("AWAITING_azure");
              }
            })
        .count();
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

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }

  // ---- teardown: nothing of this test may outlive it

  @AfterEach
  void stopEverything() throws Exception {
    for (WorkerProcess w : workers) {
      w.killHard();
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
    if (runDir == null) {
      return;
    }
    List<String> orphans = new ArrayList<>();
    for (String pattern : List.of(marker, runDir.resolve("temporal").toString())) {
      Process pgrep = new ProcessBuilder("pgrep", "-f", "-a", pattern).start();
      String out = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      pgrep.waitFor(10, TimeUnit.SECONDS);
      out.lines().filter(l -> !l.isBlank()).forEach(orphans::add);
    }
    assertThat(orphans).as("processes left behind").isEmpty();
  }

  private static Path runDir(TestInfo test) throws IOException {
    Path dir =
        Path.of(System.getProperty("durability.log-dir", "target/durability"))
            .resolve(test.getTestMethod().orElseThrow().getName());
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
    return dir.toAbsolutePath();
  }

  private static Path jar(String property) {
    String path = System.getProperty(property);
    if (path == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set: run with mvn verify (failsafe)");
    }
    return Path.of(path);
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  // ---- helpers

  interface Action {
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

  record Disruption(String name, Predicate<Map<String, String>> due, Action action) {}

  /**
   * When each org's step changed, and when each disruption happened, to tell afterwards how long
   * the batch stood still after each one.
   */
  static final class Timeline {
    private final long begin;
    private final Map<String, String> last = new HashMap<>();
    private final List<Long> changes = new ArrayList<>();
    private final Map<String, List<Long>> changedAt = new HashMap<>();
    private final List<Event> events = new ArrayList<>();

    record Event(String name, long at, Map<String, String> working, String state) {}

    Timeline(long begin) {
      this.begin = begin;
    }

    synchronized void observe(Map<String, String> rows) {
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

    synchronized void disrupted(String name, Map<String, String> rows) {
      Map<String, String> working =
          rows.entrySet().stream()
              .filter(e -> isWorking(e.getValue()))
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      String state =
          new TreeMap<>(
                  rows.values().stream()
                      .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
              .toString();
      events.add(new Event(name, System.nanoTime(), working, state));
    }

    synchronized String figures(double elapsedS, List<WorkerProcess> workers) {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              "[durability] %d orgs, batch finished in %.1f s; survived %d disruptions%n",
              ORGS, elapsedS, events.size()));
      for (Event e : events) {
        long firstChange =
            changes.stream().mapToLong(Long::longValue).filter(t -> t > e.at).min().orElse(-1);
        long allMoved = e.at;
        boolean allDid = true;
        for (String org : e.working.keySet()) {
          Optional<Long> moved =
              changedAt.getOrDefault(org, List.of()).stream().filter(t -> t > e.at).findFirst();
          if (moved.isPresent()) {
            allMoved = Math.max(allMoved, moved.get());
          } else {
            allDid = false;
          }
        }
        out.append(
            String.format(
                "[durability] %-18s at %6.1f s (%s): batch moved again after %s;"
                    + " all %d orgs in flight moved on after %s%n",
                e.name,
                (e.at - begin) / 1e9,
                e.state,
                firstChange < 0 ? "never" : String.format("%.1f s", (firstChange - e.at) / 1e9),
                e.working.size(),
                allDid ? String.format("%.1f s", (allMoved - e.at) / 1e9) : "never"));
      }
      for (WorkerProcess w : workers) {
        out.append(
            String.format(
                "[durability] %s: ready %.1f s after launch%s%n",
                w.name, w.readyAfterS, w.killed ? ", SIGKILLed" : ""));
      }
      return out.toString();
    }
  }

  /** What the seed put where, and the checks of the simulators' state once the batch is done. */
  record Seeded(
      List<MigrationExample> orgs,
      Map<String, List<String>> projectsBySource,
      Map<String, List<String>> hostsByProject,
      Map<String, List<String>> collaboratorsByProject,
      Map<String, Set<String>> inviteesByDestination) {

    static Seeded of(NeonState neon, List<MigrationExample> orgs) {
      Map<String, List<String>> projects = new LinkedHashMap<>();
      Map<String, List<String>> hosts = new HashMap<>();
      Map<String, List<String>> collaborators = new HashMap<>();
      Map<String, Set<String>> invitees = new HashMap<>();
      Map<String, NeonModel.User> users = neon.usersById();
      for (MigrationExample org : orgs) {
        List<String> ids = neon.projectIds(org.sourceOrgId());
        assertThat(ids).hasSize(PROJECTS);
        projects.put(org.sourceOrgId(), ids);
        for (String id : ids) {
          hosts.put(id, neon.endpoints(id).stream().map(NeonModel.Endpoint::host).toList());
          collaborators.put(
              id, neon.permissions(id).stream().map(NeonModel.Permission::email).toList());
        }
        Set<String> inDestination =
            neon.members(org.destinationOrgId()).stream()
                .map(m -> users.get(m.userId()).email())
                .collect(Collectors.toSet());
        invitees.put(
            org.destinationOrgId(),
            neon.members(org.sourceOrgId()).stream()
                .map(m -> users.get(m.userId()).email())
                .filter(email -> !inDestination.contains(email))
                .collect(Collectors.toSet()));
      }
      assertThat(invitees.values())
          .as("someone to invite in every org")
          .allMatch(s -> !s.isEmpty());
      assertThat(collaborators.values().stream().mapToInt(List::size).sum())
          .as("collaborators to re-grant")
          .isPositive();
      return new Seeded(orgs, projects, hosts, collaborators, invitees);
    }

    FinalCounts assertFinalState(
        Simulators simulators, Map<String, JsonNode> runReports, Path runDir) throws IOException {
      NeonState neon = simulators.neon().state();
      int projectsMoved = 0;
      int invitations = 0;
      int grants = 0;
      int keys = 0;
      int orphanKeys = 0;
      for (MigrationExample org : orgs) {
        String source = org.sourceOrgId();
        String destination = org.destinationOrgId();
        JsonNode run = runReports.get(source);
        assertThat(run.path("finalStep").asText()).as("%s: %s", source, run).isEqualTo("COMPLETED");
        assertThat(run.path("azureResourceDeleted").asBoolean()).as(source).isTrue();

        // every seeded project in its destination, endpoint hosts unchanged, none left behind
        for (String project : projectsBySource.get(source)) {
          assertThat(neon.project(project).map(NeonModel.Project::orgId))
              .as("project %s of %s", project, source)
              .hasValue(destination);
          assertThat(neon.endpoints(project).stream().map(NeonModel.Endpoint::host).toList())
              .as("endpoint hosts of %s", project)
              .isEqualTo(hostsByProject.get(project));
          projectsMoved++;

          // each collaborator granted again, exactly once
          List<String> granted =
              neon.permissions(project).stream().map(NeonModel.Permission::email).toList();
          assertThat(granted)
              .as("collaborators of %s", project)
              .containsExactlyInAnyOrderElementsOf(collaboratorsByProject.get(project));
          grants += granted.size();
        }
        assertThat(neon.projectIds(source)).as("projects left in %s", source).isEmpty();
        assertThat(neon.org(source)).as("%s deleted with its Azure resource", source).isEmpty();

        // each member invited exactly once
        List<String> invited =
            neon.invitations(destination).stream().map(NeonModel.Invitation::email).toList();
        assertThat(invited)
            .as("invitations to %s", destination)
            .containsExactlyInAnyOrderElementsOf(inviteesByDestination.get(destination));
        invitations += invited.size();

        // one replacement per key name whose secret was saved; any other is named for revoking
        Map<Long, String> delivered = deliveredKeys(runDir.resolve("api-keys"), destination);
        List<NeonModel.ApiKey> live =
            neon.orgKeys(destination).stream().filter(k -> !k.revoked()).toList();
        for (String name : REPLACED_KEYS) {
          assertThat(delivered.values().stream().filter(name::equals).count())
              .as("saved replacements named %s for %s", name, destination)
              .isEqualTo(1);
        }
        String actions = run.path("actionsForHumans").toString();
        int unsaved = 0;
        for (NeonModel.ApiKey key : live) {
          if (!delivered.containsKey(key.id())) {
            unsaved++;
            assertThat(actions)
                .as("unsaved key %d of %s named in the report", key.id(), destination)
                .contains(Long.toString(key.id()));
          }
        }
        assertThat(live).as("keys of %s", destination).hasSize(REPLACED_KEYS.size() + unsaved);
        orphanKeys += unsaved;
        keys += delivered.size();
      }

      // ARM: exactly one deletion per org, each of an empty org
      List<ArmState.Deletion> deletions = simulators.arm().state().deletions();
      Map<String, Long> perOrg =
          deletions.stream()
              .collect(Collectors.groupingBy(ArmState.Deletion::orgId, Collectors.counting()));
      assertThat(perOrg)
          .as("ARM deletions per org")
          .hasSize(orgs.size())
          .allSatisfy((org, n) -> assertThat(n).as(org).isEqualTo(1));
      assertThat(deletions).allSatisfy(d -> assertThat(d.projectsInOrg()).as(d.orgId()).isZero());

      // and the calls that act: one accepted transfer per org, one invitation POST per org
      CallLog calls = simulators.neon().calls();
      int transfers = accepted(calls, "POST /organizations/{org_id}/projects/transfer");
      int invitePosts = accepted(calls, "POST /organizations/{org_id}/invitations");
      int grantPosts = accepted(calls, "POST /projects/{project_id}/permissions");
      assertThat(transfers).as("accepted transfers").isEqualTo(orgs.size());
      assertThat(invitePosts).as("accepted invitation POSTs").isEqualTo(orgs.size());
      assertThat(grantPosts).as("accepted grants").isEqualTo(grants);
      return new FinalCounts(
          orgs.size(),
          projectsMoved,
          invitations,
          grants,
          keys,
          orphanKeys,
          deletions.size(),
          transfers,
          calls.counts().values().stream()
              .flatMap(m -> m.values().stream())
              .mapToInt(Integer::intValue)
              .sum());
    }

    private static int accepted(CallLog calls, String route) {
      return calls.counts().getOrDefault(route, Map.of()).entrySet().stream()
          .filter(e -> e.getKey() >= 200 && e.getKey() < 300)
          .mapToInt(Map.Entry::getValue)
          .sum();
    }

    /** Key id to name, from the worker's key drop file for the org. */
    private static Map<Long, String> deliveredKeys(Path dropDir, String orgId) throws IOException {
      Path file = dropDir.resolve(orgId + "-api-keys.jsonl");
      Map<Long, String> keys = new HashMap<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            JsonNode entry = JSON.readTree(line);
            keys.put(entry.path("id").asLong(), entry.path("name").asText());
          }
        }
      }
      return keys;
    }
  }

  record FinalCounts(
      int orgsCompleted,
      int projectsInDestination,
      int invitations,
      int collaboratorGrants,
      int replacementKeysSaved,
      int unsavedKeysNamedForRevoking,
      int armDeletions,
      int acceptedTransfers,
      int neonCalls) {}

  /**
   * The shipped worker jar in its own process, configured only by the given environment, its output
   * in a file; a marker on its command line lets the teardown find any that survived.
   */
  static final class WorkerProcess {
    final String name;
    final Path log;
    private final Process process;
    private final long launchedAt = System.nanoTime();
    volatile double readyAfterS = -1;
    volatile boolean killed;

    private WorkerProcess(String name, Process process, Path log) {
      this.name = name;
      this.process = process;
      this.log = log;
    }

    static WorkerProcess start(
        String name, Path jar, Map<String, String> env, Path log, String marker)
        throws IOException {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(jar + " does not exist: the reactor packages it first");
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of(java, "-Xmx384m", "-Dtest.marker=" + marker, "-jar", jar.toString()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      return new WorkerProcess(name, builder.start(), log);
    }

    void awaitHealthy(String url, Duration timeout) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
        }
        try {
          HttpResponse<String> r =
              HTTP.send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
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

    /** SIGKILL: no shutdown hook, no graceful stop of the pollers or running activities. */
    void killHard() throws InterruptedException {
      if (process.isAlive()) {
        killed = true;
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
