package org.neonmigrate.workflows.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.TaskQueues;

class NeonApiBudgetWorkflowTest {

  private static final String MAIN_QUEUE = TaskQueues.DEFAULT;
  private static final String QUEUE = TaskQueues.defaults().budget();
  private static final String ID = NeonApiBudgetWorkflow.workflowId("0123456789ab");
  private static final String PROJECTS = "GET /projects";
  private static final String ENDPOINTS = "GET /projects/{project_id}/endpoints";

  private TestWorkflowEnvironment env;

  /** One granted lease as the budget's clock saw it. */
  record Granted(String client, String route, int tokens, long at, long validFor) {}

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(NeonApiBudgetWorkflowImpl.class);
    // as the worker does: the main queue still serves runs started there before the upgrade
    env.newWorker(MAIN_QUEUE).registerWorkflowImplementationTypes(NeonApiBudgetWorkflowImpl.class);
    env.start();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Test
  void noRollingMinuteOrRouteSecondEverSeesMoreThanTheLimitsAndTheBudgetIsStillUsedUp() {
    BudgetLimits limits = new BudgetLimits(100, 10, 1_000, 5, 1_000);
    WorkflowClient client = env.getWorkflowClient();
    List<Granted> grants = new ArrayList<>();
    long end = env.currentTimeMillis() + Duration.ofMinutes(3).toMillis();
    int i = 0;
    while (env.currentTimeMillis() < end) {
      String route = i++ % 3 == 0 ? ENDPOINTS : PROJECTS;
      Lease lease = lease(client, limits, new LeaseRequest(route, 5, "w1"));
      if (lease.hasTokens()) {
        grants.add(new Granted("w1", route, lease.granted(), lease.grantedAtMillis(), 1_000));
      } else {
        env.sleep(Duration.ofMillis(lease.retryAfterMillis()));
      }
    }

    assertWithinLimits(grants, limits);
    int total = grants.stream().mapToInt(Granted::tokens).sum();
    // 3 minutes at 100/min, less the minute each lease waits after its validity ends
    assertThat(total).isBetween(250, 300);
  }

  @Test
  void aRunStartedOnTheMainQueueContinuesOnTheBudgetQueueAndKeepsItsGrants() {
    BudgetLimits limits = new BudgetLimits(100, 10, 1_000, 10, 1_000);
    WorkflowClient client = env.getWorkflowClient();
    // as a worker from before the budget had its own queue asks
    WorkflowUpdateHandle<Lease> first =
        leaseHandle(client, MAIN_QUEUE, limits, new LeaseRequest(PROJECTS, 6, "old-worker"));
    assertThat(first.getResult().granted()).isEqualTo(6);

    DescribeWorkflowExecutionResponse latest = describeLatest();
    assertThat(latest.getExecutionConfig().getTaskQueue().getName()).isEqualTo(QUEUE);
    assertThat(latest.getWorkflowExecutionInfo().getExecution().getRunId())
        .isNotEqualTo(first.getExecution().getRunId());
    assertThat(latest.getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    // old and new workers alike join the run on the budget queue, which still counts the grant
    Lease second = lease(client, MAIN_QUEUE, limits, new LeaseRequest(PROJECTS, 10, "old-worker"));
    Lease third = lease(client, limits, new LeaseRequest(PROJECTS, 10, "new-worker"));
    assertThat(second.granted()).as("10 per route-second, 6 already out").isEqualTo(4);
    assertThat(third.hasTokens()).isFalse();
    assertThat(second.id()).isGreaterThan(first.getResult().id());
    assertThat(describeLatest().getWorkflowExecutionInfo().getExecution().getRunId())
        .isEqualTo(latest.getWorkflowExecutionInfo().getExecution().getRunId());
  }

  @Test
  void aRunRecordedOnTheMainQueueBeforeTheBudgetHadItsOwnStillReplays() throws Exception {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/neon-api-budget-on-main-queue.json")) {
      assertThat(in).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json, ID);
    assertThat(history.getLastEvent().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);

    WorkflowReplayer.replayWorkflowExecution(history, NeonApiBudgetWorkflowImpl.class);
  }

  @Test
  void settledTokensAreFreeAtOnceAndSettlingTwiceChangesNothing() {
    BudgetLimits limits = new BudgetLimits(10, 100, 1_000, 10, 1_000);
    WorkflowClient client = env.getWorkflowClient();
    Lease all = lease(client, limits, new LeaseRequest(PROJECTS, 10, "w1"));
    assertThat(all.granted()).isEqualTo(10);
    assertThat(lease(client, limits, new LeaseRequest(PROJECTS, 1, "w1")).hasTokens())
        .as("the minute is spent")
        .isFalse();

    env.sleep(Duration.ofMillis(1_500));
    List<Settlement> usedThree = List.of(new Settlement(all.id(), 3));
    Lease afterSettling = lease(client, limits, new LeaseRequest(PROJECTS, 10, "w1", usedThree));
    Lease settledAgain = lease(client, limits, new LeaseRequest(PROJECTS, 10, "w1", usedThree));

    assertThat(afterSettling.granted()).as("the 7 unused tokens are back").isEqualTo(7);
    assertThat(afterSettling.id()).isGreaterThan(all.id());
    assertThat(settledAgain.hasTokens()).as("a repeated settlement frees nothing").isFalse();
    assertThat(settledAgain.retryAfterMillis())
        .as("the 3 calls sent still count until their minute is over")
        .isGreaterThan(55_000);
  }

  @Test
  void aSettlementNamingAnUnknownOrOverspentLeaseFreesNothing() {
    BudgetLimits limits = new BudgetLimits(5, 100, 1_000, 5, 1_000);
    WorkflowClient client = env.getWorkflowClient();
    Lease all = lease(client, limits, new LeaseRequest(PROJECTS, 5, "w1"));
    List<Settlement> bogus = List.of(new Settlement(all.id() + 7, 0), new Settlement(all.id(), 9));

    assertThat(lease(client, limits, new LeaseRequest(PROJECTS, 1, "w1", bogus)).hasTokens())
        .isFalse();
  }

  @Test
  void aMalformedSettlementIsRefusedBeforeItReachesTheLedger() {
    BudgetLimits limits = new BudgetLimits(5, 100, 1_000, 5, 1_000);
    WorkflowClient client = env.getWorkflowClient();
    lease(client, limits, new LeaseRequest(PROJECTS, 1, "w1"));

    assertThatThrownBy(
            () ->
                lease(
                    client,
                    limits,
                    new LeaseRequest(PROJECTS, 1, "w1", List.of(new Settlement(1, -2)))))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("a settlement names a lease id");
  }

  @Test
  void settlementsCarryAcrossContinueAsNew() {
    BudgetLimits limits = new BudgetLimits(6, 100, 1_000, 6, 2);
    WorkflowClient client = env.getWorkflowClient();
    Lease first = lease(client, limits, new LeaseRequest(PROJECTS, 6, "w1"));
    lease(client, limits, new LeaseRequest(PROJECTS, 1, "w1"));
    env.sleep(Duration.ofMillis(1_500));

    Lease afterRun =
        lease(
            client,
            limits,
            new LeaseRequest(PROJECTS, 6, "w1", List.of(new Settlement(first.id(), 2))));

    assertThat(afterRun.granted()).isEqualTo(4);
    assertThat(afterRun.id()).as("ids keep growing in the new run").isGreaterThan(first.id());
  }

  @Test
  void twoWorkersShareOneBudgetFairly() {
    BudgetLimits limits = new BudgetLimits(120, 40, 1_000, 4, 1_000);
    WorkflowClient first = env.getWorkflowClient();
    WorkflowClient second =
        WorkflowClient.newInstance(
            env.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder().setNamespace(env.getNamespace()).build());
    List<Granted> grants = new ArrayList<>();
    long end = env.currentTimeMillis() + Duration.ofMinutes(2).toMillis();
    while (env.currentTimeMillis() < end) {
      // the first worker is greedy and always asks first; the cap per lease still shares the budget
      Lease a = lease(first, limits, new LeaseRequest(PROJECTS, 100, "w1"));
      Lease b = lease(second, limits, new LeaseRequest(PROJECTS, 4, "w2"));
      if (a.hasTokens()) {
        grants.add(new Granted("w1", PROJECTS, a.granted(), a.grantedAtMillis(), 1_000));
      }
      if (b.hasTokens()) {
        grants.add(new Granted("w2", PROJECTS, b.granted(), b.grantedAtMillis(), 1_000));
      }
      if (!a.hasTokens() && !b.hasTokens()) {
        env.sleep(Duration.ofMillis(Math.max(a.retryAfterMillis(), b.retryAfterMillis())));
      }
    }

    assertWithinLimits(grants, limits);
    int w1 = grants.stream().filter(g -> g.client().equals("w1")).mapToInt(Granted::tokens).sum();
    int w2 = grants.stream().filter(g -> g.client().equals("w2")).mapToInt(Granted::tokens).sum();
    assertThat(w1 + w2).isGreaterThan(200);
    assertThat(w2)
        .as("the modest worker still gets its share")
        .isGreaterThanOrEqualTo((w1 + w2) * 2 / 5);
  }

  @Test
  void continueAsNewKeepsHistoryShortAndCarriesTheGrantsAcross() {
    BudgetLimits limits = new BudgetLimits(10, 10, 1_000, 2, 5);
    WorkflowClient client = env.getWorkflowClient();
    WorkflowUpdateHandle<Lease> firstHandle =
        leaseHandle(client, limits, new LeaseRequest(PROJECTS, 2, "w1"));
    String firstRun = firstHandle.getExecution().getRunId();
    int granted = firstHandle.getResult().granted();
    for (int i = 0; i < 4; i++) {
      granted += lease(client, limits, new LeaseRequest(PROJECTS, 2, "w1")).granted();
    }
    assertThat(granted).isEqualTo(10);

    Lease afterContinueAsNew = lease(client, limits, new LeaseRequest(ENDPOINTS, 1, "w1"));

    assertThat(status(firstRun))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
    assertThat(afterContinueAsNew.hasTokens())
        .as("the spent minute survives the new run")
        .isFalse();
    assertThat(afterContinueAsNew.retryAfterMillis()).isGreaterThan(55_000);
    assertThat(client.fetchHistory(ID, firstRun).getHistory().getEventsCount()).isLessThan(60);
  }

  @Test
  void leasesAskedWhileTheWorkflowContinuesAsNewAreAllAnswered() throws Exception {
    BudgetLimits limits = new BudgetLimits(10_000, 10_000, 1_000, 1, 7);
    WorkflowClient client = env.getWorkflowClient();
    lease(client, limits, new LeaseRequest(PROJECTS, 1, "w0"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> workers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String holder = "w" + (w + 1);
        workers.add(
            pool.submit(
                () -> {
                  int got = 0;
                  for (int i = 0; i < 15; i++) {
                    got +=
                        leaseAsWorkersDo(
                                client, limits, new LeaseRequest(PROJECTS + holder, 1, holder))
                            .granted();
                  }
                  return got;
                }));
      }
      int total = 0;
      for (Future<Integer> worker : workers) {
        total += worker.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(60);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anIdleBudgetEndsAndTheNextLeaseStartsItAgain() {
    BudgetLimits limits = new BudgetLimits(100, 10, 1_000, 5, 1_000);
    WorkflowClient client = env.getWorkflowClient();
    WorkflowUpdateHandle<Lease> first =
        leaseHandle(client, limits, new LeaseRequest(PROJECTS, 1, "w1"));
    Lease before = first.getResult();

    env.sleep(NeonApiBudgetWorkflowImpl.IDLE_END.multipliedBy(3));

    assertThat(status(first.getExecution().getRunId()))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    Lease again = lease(client, limits, new LeaseRequest(PROJECTS, 1, "w1"));
    assertThat(again.granted()).isEqualTo(1);
    assertThat(again.id())
        .as("a late settlement of the old chain's lease cannot land on a new grant")
        .isGreaterThan(before.id());
  }

  /** Grants cover [at, at + validFor]; every window overlapping that range must stay in budget. */
  private static void assertWithinLimits(List<Granted> grants, BudgetLimits limits) {
    for (Granted start : grants) {
      long from = start.at();
      int minute =
          grants.stream()
              .filter(g -> g.at() + g.validFor() >= from && g.at() < from + 60_000)
              .mapToInt(Granted::tokens)
              .sum();
      assertThat(minute)
          .as("calls possible in the minute from %d", from)
          .isLessThanOrEqualTo(limits.perMinute());
      int second =
          grants.stream()
              .filter(g -> g.route().equals(start.route()))
              .filter(g -> g.at() + g.validFor() >= from && g.at() < from + 1_000)
              .mapToInt(Granted::tokens)
              .sum();
      assertThat(second)
          .as("calls possible on %s in the second from %d", start.route(), from)
          .isLessThanOrEqualTo(limits.perRoutePerSecond());
    }
  }

  /**
   * Workers ask again (up to 3 times) when a lease fails: an update-with-start that lands just as
   * the run continues as new can find it closed.
   */
  private Lease leaseAsWorkersDo(WorkflowClient client, BudgetLimits limits, LeaseRequest request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return lease(client, limits, request);
      } catch (WorkflowServiceException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private Lease lease(WorkflowClient client, BudgetLimits limits, LeaseRequest request) {
    return leaseHandle(client, limits, request).getResult();
  }

  private Lease lease(
      WorkflowClient client, String queue, BudgetLimits limits, LeaseRequest request) {
    return leaseHandle(client, queue, limits, request).getResult();
  }

  private WorkflowUpdateHandle<Lease> leaseHandle(
      WorkflowClient client, BudgetLimits limits, LeaseRequest request) {
    return leaseHandle(client, QUEUE, limits, request);
  }

  /** As a worker asks: update-with-start on the fixed ID, joining the run that already exists. */
  private WorkflowUpdateHandle<Lease> leaseHandle(
      WorkflowClient client, String queue, BudgetLimits limits, LeaseRequest request) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            NeonApiBudgetWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ID)
                .setTaskQueue(queue)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    return stub.startUpdateWithStart(
        UpdateOptions.newBuilder(Lease.class)
            .setUpdateName(NeonApiBudgetWorkflow.UPDATE_LEASE)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new Object[] {request},
        new Object[] {new BudgetRun(limits, List.of())});
  }

  private DescribeWorkflowExecutionResponse describeLatest() {
    return env.getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(ID))
                .build());
  }

  private WorkflowExecutionStatus status(String runId) {
    return env.getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(ID).setRunId(runId))
                .build())
        .getWorkflowExecutionInfo()
        .getStatus();
  }
}
