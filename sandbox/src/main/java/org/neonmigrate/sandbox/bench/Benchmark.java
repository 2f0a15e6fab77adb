package org.neonmigrate.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.neonmigrate.sandbox.Sandbox;
import org.neonmigrate.sandbox.SandboxOptions;
import org.neonmigrate.sandbox.arm.ArmSimulator;
import org.neonmigrate.sandbox.http.CallLog;
import org.neonmigrate.sandbox.seed.MigrationExample;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.TaskQueues;
import org.neonmigrate.workflows.batch.BatchRequest;

/**
 * One benchmark run: the embedded Temporal service, the simulators and the REST API in this JVM,
 * the worker(s) as separate processes, one batch of synthetic orgs driven through the API with
 * every gate approved as soon as children wait there, then the figures.
 */
public final class Benchmark {
  private static final long POLL_MILLIS = 500;
  private static final long PRINT_EVERY_MILLIS = 5_000;
  private static final List<String> GATES = List.of("plan-upgrade", "azure-deletion");

  private final BenchOptions options;
  private final PrintStream progressOut;
  private final Observer observer;
  private final ObjectMapper json = new ObjectMapper();

  /** Told when the batch has started and when it has closed (or the wait for it ended). */
  public interface Observer {
    Observer NONE =
        new Observer() {
          @Override
          public void batchStarted(String apiUrl, String batchId, List<MigrationExample> orgs) {}

          @Override
          public void batchClosed() {}
        };

    /** {@code apiUrl} is empty when the batch was started without the REST API. */
    void batchStarted(String apiUrl, String batchId, List<MigrationExample> orgs);

    void batchClosed();
  }

  public Benchmark(BenchOptions options, PrintStream progressOut) {
    this(options, progressOut, Observer.NONE);
  }

  public Benchmark(BenchOptions options, PrintStream progressOut, Observer observer) {
    this.options = options;
    this.progressOut = progressOut;
    this.observer = observer;
  }

  /** Runs the batch and answers its figures; throws when the batch did not finish in time. */
  public BenchFigures run() throws IOException, InterruptedException {
    Path logDir = Files.createTempDirectory("neonmigrate-bench-");
    try (Sandbox sandbox = Sandbox.start(sandboxOptions())) {
      List<MigrationExample> orgs = sandbox.simulators().examples();
      long minimum = MinimumCalls.total(sandbox.simulators().neon().state(), orgs);
      double floorS = (double) minimum / options.rate();
      say(
          "seeded %d orgs (%d projects, %d members each); rate %d/s; minimum %d calls, floor %.1f s",
          orgs.size(), options.projects(), options.members(), options.rate(), minimum, floorS);
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(sandbox.temporal().target())
                  .build());
      try (WorkerFleet fleet =
          WorkerFleet.start(
              options.workers(),
              options.workerHeapMb(),
              options.workerJvmArgs(),
              workerProperties(sandbox),
              sandbox.encryptionEnvironment(),
              logDir)) {
        say("workers %s ready (logs in %s)", fleet.pids(), logDir);
        WorkflowClient client =
            WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder()
                    .setNamespace(MigrationNames.NAMESPACE)
                    .setDataConverter(sandbox.payloadProtection().dataConverter())
                    .build());
        CallLog calls = sandbox.simulators().neon().calls();
        calls.clear();
        String batchId = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        BatchDriver driver = driver(sandbox, client);
        long postedAt = System.currentTimeMillis();
        String workflowId;
        try {
          workflowId = driver.start(batchId, options.concurrency(), orgs);
        } catch (RestBatchDriver.NoBatchRoutes e) {
          say(
              "the REST API has no batch routes (%s): driving the batch through Temporal",
              e.getMessage());
          driver = new TemporalBatchDriver(client, json, sandbox.options().taskQueue());
          postedAt = System.currentTimeMillis();
          workflowId = driver.start(batchId, options.concurrency(), orgs);
        }
        say("batch %s started as %s via %s", batchId, workflowId, driver.name());
        observer.batchStarted(sandbox.apiUrl().orElse(""), batchId, orgs);
        long closedAt;
        try {
          closedAt = awaitClose(service, driver, batchId, workflowId, orgs.size(), floorS, calls);
        } finally {
          observer.batchClosed();
        }
        double elapsedS = (closedAt - postedAt) / 1000.0;
        JsonNode report = driver.report(batchId);
        long apiCalls = 0;
        long tooMany = 0;
        for (Map<Integer, Integer> byStatus : calls.counts().values()) {
          for (Map.Entry<Integer, Integer> e : byStatus.entrySet()) {
            apiCalls += e.getValue();
            tooMany += e.getKey() == 429 ? e.getValue() : 0;
          }
        }
        say("calls by route: %s", calls.counts());
        List<String> sampled = historySample(orgs);
        long maxHistory = maxHistoryLength(service, sampled);
        long coordination = coordinationEvents(service, workflowId, batchId, orgs.size());
        double rss = fleet.peakRssMb();
        service.shutdown();
        int n = orgs.size();
        return new BenchFigures(
            n,
            options.projects(),
            options.members(),
            options.rate(),
            options.concurrency(),
            options.workers(),
            driver.name(),
            options.temporal(),
            BenchFigures.round(elapsedS, 2),
            apiCalls,
            BenchFigures.round((double) apiCalls / n, 2),
            BenchFigures.round((double) minimum / n, 2),
            BenchFigures.round(floorS, 2),
            BenchFigures.round(floorS / elapsedS, 3),
            tooMany,
            report.path("completed").asInt(),
            report.path("failed").asInt(),
            maxHistory,
            sampled.size(),
            BenchFigures.round((double) coordination / n, 2),
            progressReads.size(),
            progressReads.stream().mapToLong(Long::longValue).max().orElse(0),
            progressReads.stream().filter(ms -> ms > 1_000).count(),
            BenchFigures.round(rss, 1));
      }
    }
  }

  private SandboxOptions sandboxOptions() throws IOException {
    List<String> temporal =
        switch (options.temporal()) {
          case "in-memory" -> List.of("--temporal", "in-memory", "--temporal-port", "0");
          // a fresh folder: a bench must neither read nor grow the sandbox's kept runs
          case "cli" ->
              List.of(
                  "--temporal",
                  "cli",
                  "--temporal-port",
                  "0",
                  "--temporal-dir",
                  Files.createTempDirectory("neonmigrate-bench-temporal").toString());
          default -> List.of("--temporal-address", options.temporal());
        };
    try {
      List<String> args = new ArrayList<>(temporal);
      args.addAll(
          List.of(
              "--neon-port",
              "0",
              "--arm-port",
              "0",
              "--worker-port",
              "0",
              "--api-port",
              "0",
              "--no-worker",
              "--rate-per-minute",
              Integer.toString(options.perMinute()),
              "--burst-per-second",
              Integer.toString(options.burstPerSecond()),
              "--orgs",
              Integer.toString(options.orgs()),
              "--projects",
              Integer.toString(options.projects()),
              "--members",
              Integer.toString(options.members())));
      return SandboxOptions.parse(args.toArray(String[]::new));
    } catch (SandboxOptions.BadFlag e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The worker's configuration as system properties. In {@code local} budget mode each of K workers
   * gets 1/K of the budget; in {@code cluster} mode each is given the fleet's budget.
   */
  Map<String, String> workerProperties(Sandbox sandbox) {
    int k = options.budgetMode().equals("local") ? options.workers() : 1;
    Map<String, String> p = new LinkedHashMap<>();
    p.put("temporal.address", sandbox.temporal().target());
    p.put(TaskQueues.PROPERTY, sandbox.options().taskQueue());
    p.put("neon.api.url", sandbox.simulators().neon().baseUrl());
    p.put("neon.api.key", sandbox.options().apiKey());
    p.put("azure.arm.url", sandbox.simulators().arm().baseUrl());
    p.put("azure.static-token", ArmSimulator.DEFAULT_TOKEN);
    p.put("neon.budget.mode", options.budgetMode());
    p.put("neon.budget.per-minute", Integer.toString(Math.max(1, options.perMinute() / k)));
    p.put(
        "neon.budget.per-route-per-second",
        Integer.toString(Math.max(1, options.burstPerSecond() / k)));
    p.put("api-keys.drop-dir", Sandbox.keyDropDir().toString());
    return p;
  }

  private BatchDriver driver(Sandbox sandbox, WorkflowClient client) {
    if (options.driver().equals("temporal") || sandbox.apiUrl().isEmpty()) {
      return new TemporalBatchDriver(client, json, sandbox.options().taskQueue());
    }
    return new RestBatchDriver(sandbox.apiUrl().get(), json);
  }

  /**
   * Polls the batch until its workflow closes, approving every gate children wait at; answers the
   * close time (epoch millis, from Temporal).
   */
  /** How long each progress read during the run took, in milliseconds. */
  private final List<Long> progressReads = new ArrayList<>();

  private long awaitClose(
      WorkflowServiceStubs service,
      BatchDriver driver,
      String batchId,
      String workflowId,
      int total,
      double floorS,
      CallLog calls)
      throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + (long) (Math.max(600, floorS * 20) * 1000);
    long lastPrint = System.currentTimeMillis();
    long lastCalls = sum(calls, null);
    while (System.currentTimeMillis() < deadline) {
      DescribeWorkflowExecutionResponse batch = describe(service, workflowId);
      WorkflowExecutionStatus status = batch.getWorkflowExecutionInfo().getStatus();
      if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
          throw new IOException("batch " + workflowId + " ended " + status);
        }
        return batch.getWorkflowExecutionInfo().getCloseTime().getSeconds() * 1000
            + batch.getWorkflowExecutionInfo().getCloseTime().getNanos() / 1_000_000;
      }
      long readStart = System.nanoTime();
      JsonNode progress = driver.progress(batchId);
      progressReads.add((System.nanoTime() - readStart) / 1_000_000);
      if (progress.path("awaitingHumanCount").asInt() > 0) {
        for (String gate : waitingGates(progress)) {
          driver.approve(batchId, gate);
        }
      }
      long now = System.currentTimeMillis();
      if (now - lastPrint >= PRINT_EVERY_MILLIS) {
        long sent = sum(calls, null);
        say(
            "finished %d/%d, working %d, awaiting %d, failed %d, neon calls %d (429: %d),"
                + " %.1f calls/s",
            progress.path("finished").asInt(),
            total,
            progress.path("working").asInt(),
            progress.path("awaitingHumanCount").asInt(),
            progress.path("failed").asInt(),
            sent,
            sum(calls, 429),
            (sent - lastCalls) * 1000.0 / (now - lastPrint));
        lastPrint = now;
        lastCalls = sent;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IOException("batch " + workflowId + " did not finish before the deadline");
  }

  /** The gates runs wait at now, as the batch last heard; both gates when it lists none. */
  private static Set<String> waitingGates(JsonNode progress) {
    Set<String> gates = new LinkedHashSet<>();
    progress.path("awaitingByGate").fieldNames().forEachRemaining(gates::add);
    if (gates.isEmpty()) {
      gates.addAll(GATES);
    }
    return gates;
  }

  private static long sum(CallLog calls, Integer status) {
    long n = 0;
    for (Map<Integer, Integer> byStatus : calls.counts().values()) {
      for (Map.Entry<Integer, Integer> e : byStatus.entrySet()) {
        n += status == null || status.equals(e.getKey()) ? e.getValue() : 0;
      }
    }
    return n;
  }

  /** Every org up to the sample size; a fixed-seed random sample beyond it. */
  private List<String> historySample(List<MigrationExample> orgs) {
    List<String> ids = new ArrayList<>(orgs.stream().map(MigrationExample::sourceOrgId).toList());
    if (options.historySample() == 0 || options.historySample() >= ids.size()) {
      return ids;
    }
    Collections.shuffle(ids, new Random(7));
    return ids.subList(0, options.historySample());
  }

  /**
   * Events of the batch (every run, walking back across continue-as-new) and of all its waves: what
   * coordinating the batch costs on top of the runs themselves.
   */
  private static long coordinationEvents(
      WorkflowServiceStubs service, String batchWorkflowId, String batchId, int orgs) {
    long events = 0;
    String runId = "";
    do {
      WorkflowExecution run =
          WorkflowExecution.newBuilder().setWorkflowId(batchWorkflowId).setRunId(runId).build();
      GetWorkflowExecutionHistoryResponse first =
          service
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(MigrationNames.NAMESPACE)
                      .setExecution(run)
                      .setMaximumPageSize(1)
                      .build());
      DescribeWorkflowExecutionResponse described =
          service
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(MigrationNames.NAMESPACE)
                      .setExecution(run)
                      .build());
      events += described.getWorkflowExecutionInfo().getHistoryLength();
      runId =
          first
              .getHistory()
              .getEvents(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
    } while (!runId.isEmpty());
    // both drivers cut the batch into waves of the default size
    int waves = (orgs + BatchRequest.DEFAULT_WAVE_SIZE - 1) / BatchRequest.DEFAULT_WAVE_SIZE;
    for (int wave = 1; wave <= waves; wave++) {
      events +=
          describe(service, MigrationNames.batchWaveId(batchId, wave))
              .getWorkflowExecutionInfo()
              .getHistoryLength();
    }
    return events;
  }

  private static long maxHistoryLength(WorkflowServiceStubs service, List<String> sourceOrgIds) {
    long max = 0;
    for (String id : sourceOrgIds) {
      DescribeWorkflowExecutionResponse r = describe(service, MigrationNames.orgMigrationId(id));
      max = Math.max(max, r.getWorkflowExecutionInfo().getHistoryLength());
    }
    return max;
  }

  private static DescribeWorkflowExecutionResponse describe(
      WorkflowServiceStubs service, String workflowId) {
    return service
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(MigrationNames.NAMESPACE)
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build());
  }

  private void say(String format, Object... args) {
    progressOut.println("[bench] " + String.format(format, args));
    progressOut.flush();
  }
}
