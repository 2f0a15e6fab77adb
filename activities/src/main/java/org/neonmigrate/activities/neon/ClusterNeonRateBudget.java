package org.neonmigrate.activities.neon;

import io.micronaut.context.annotation.Requires;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.neonmigrate.workflows.TaskQueues;
import org.neonmigrate.workflows.budget.BudgetLimits;
import org.neonmigrate.workflows.budget.BudgetRun;
import org.neonmigrate.workflows.budget.Lease;
import org.neonmigrate.workflows.budget.LeaseRequest;
import org.neonmigrate.workflows.budget.NeonApiBudgetWorkflow;
import org.neonmigrate.workflows.budget.Settlement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget shared by every worker using the same Neon key: each route keeps a small local pool,
 * refilled by leases from the {@link NeonApiBudgetWorkflow} for that key (started on demand). When
 * the budget workflow cannot be reached the call is not sent: the activity attempt fails retryably.
 */
@Singleton
@Requires(property = NeonRateBudget.MODE, value = "cluster", defaultValue = "cluster")
public class ClusterNeonRateBudget implements NeonRateBudget {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterNeonRateBudget.class);

  private static final Duration STATS_EVERY = Duration.ofSeconds(30);

  private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** A lease lost to a continue-as-new or a brief blip is asked again this many times. */
  private static final int LEASE_ATTEMPTS = 3;

  private final WorkflowClient client;
  private final BudgetLimits limits;
  private final ClusterBudgetConfiguration configuration;
  private final String workflowId;
  private final String taskQueue;
  private final String holder;
  private final Map<String, RoutePool> pools = new ConcurrentHashMap<>();
  private final BudgetStats stats = new BudgetStats();
  private final Queue<Settlement> unsettled = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService reporting =
      Executors.newSingleThreadScheduledExecutor(daemon("neon-budget-stats"));
  private final ExecutorService leasing =
      Executors.newCachedThreadPool(daemon("neon-budget-lease"));

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  public ClusterNeonRateBudget(
      WorkflowClient client,
      NeonBudgetConfiguration budget,
      ClusterBudgetConfiguration configuration,
      NeonApiConfiguration api,
      TaskQueues taskQueues) {
    this.client = client;
    this.taskQueue = taskQueues.budget();
    this.configuration = configuration;
    this.limits =
        new BudgetLimits(
            budget.perMinute(),
            budget.perRoutePerSecond(),
            configuration.leaseValidity().toMillis(),
            Math.max(1, Math.min(configuration.maxLeaseTokens(), budget.perRoutePerSecond())),
            configuration.leasesPerRun());
    this.workflowId = NeonApiBudgetWorkflow.workflowId(fingerprint(api.key()));
    this.holder = client.getOptions().getIdentity();
    long every = STATS_EVERY.toMillis();
    reporting.scheduleAtFixedRate(this::report, every, every, TimeUnit.MILLISECONDS);
  }

  private void report() {
    String line = stats.drain();
    if (line != null) {
      LOG.info("neon budget over the last {}: {}", STATS_EVERY, line);
    }
  }

  /** The first 12 hex digits of the key's SHA-256: names the account without revealing the key. */
  public static String fingerprint(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((key == null ? "" : key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  public String workflowId() {
    return workflowId;
  }

  @Override
  public void acquire(String route, Runnable whileWaiting) {
    RoutePool pool = pools.computeIfAbsent(route, r -> new RoutePool(stats, unsettled));
    if (pool.take()) {
      stats.sent(0);
      return;
    }
    long start = System.nanoTime();
    try {
      acquireSlowly(route, pool, whileWaiting);
    } finally {
      stats.sent(System.nanoTime() - start);
    }
  }

  private void acquireSlowly(String route, RoutePool pool, Runnable whileWaiting) {
    while (true) {
      if (pool.take()) {
        return;
      }
      if (!lockOrWait(pool.refilling, whileWaiting)) {
        continue;
      }
      try {
        if (pool.take()) {
          return;
        }
        List<Settlement> settling = settlements();
        long sentAt = System.nanoTime();
        Lease lease;
        try {
          lease =
              lease(
                  new LeaseRequest(
                      route, pool.nextSize(limits.maxLeaseTokens()), holder, settling));
        } catch (RuntimeException e) {
          // perhaps never applied: send them again (settling twice is harmless)
          unsettled.addAll(settling);
          throw e;
        }
        stats.leased(lease.granted(), System.nanoTime() - sentAt);
        if (lease.hasTokens()) {
          // validity counts from our send time, which is before the budget's: never later than it
          pool.fill(
              lease.id(),
              lease.granted(),
              sentAt + TimeUnit.MILLISECONDS.toNanos(lease.validForMillis()));
        } else {
          sleep(TimeUnit.MILLISECONDS.toNanos(lease.retryAfterMillis()), whileWaiting);
        }
      } finally {
        pool.refilling.unlock();
      }
    }
  }

  /**
   * Every lease whose validity is over with tokens left, on any route: the budget counts only the
   * calls sent under it from now on.
   */
  private List<Settlement> settlements() {
    pools.values().forEach(RoutePool::expire);
    List<Settlement> settling = new ArrayList<>();
    Settlement next;
    while (settling.size() < LeaseRequest.MAX_SETTLEMENTS && (next = unsettled.poll()) != null) {
      settling.add(next);
    }
    return settling;
  }

  private Lease lease(LeaseRequest request) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= LEASE_ATTEMPTS; attempt++) {
      Future<Lease> answer = leasing.submit(() -> updateWithStart(request));
      try {
        return answer.get(configuration.leaseTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        answer.cancel(true);
        throw unavailable("did not answer within " + configuration.leaseTimeout(), e);
      } catch (InterruptedException e) {
        answer.cancel(true);
        Thread.currentThread().interrupt();
        throw unavailable("interrupted while leasing", e);
      } catch (ExecutionException e) {
        // e.g. the run closed (continue-as-new) between admission and answer: ask the next run
        last = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
        LOG.debug("lease attempt {} on {} failed: {}", attempt, workflowId, last.toString());
      }
    }
    throw unavailable(
        "failed " + LEASE_ATTEMPTS + " times: " + last.getClass().getSimpleName(), last);
  }

  private Lease updateWithStart(LeaseRequest request) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            NeonApiBudgetWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setStaticSummary("Fleet-wide Neon API rate budget")
                .build());
    return stub.startUpdateWithStart(
            UpdateOptions.newBuilder(Lease.class)
                .setUpdateName(NeonApiBudgetWorkflow.UPDATE_LEASE)
                .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                .build(),
            new Object[] {request},
            new Object[] {new BudgetRun(limits, List.of())})
        .getResult();
  }

  private ApplicationFailure unavailable(String what, Throwable cause) {
    return ApplicationFailure.newBuilder()
        .setType(NeonFailures.UNAVAILABLE)
        .setMessage(
            "the Neon API budget (workflow " + workflowId + ") " + what + "; no call was sent")
        .setCause(cause == null ? null : ApplicationFailure.newFailure(cause.toString(), "Cause"))
        .build();
  }

  private static boolean lockOrWait(ReentrantLock lock, Runnable whileWaiting) {
    try {
      if (lock.tryLock(1, TimeUnit.SECONDS)) {
        return true;
      }
      whileWaiting.run();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
  }

  private static void sleep(long nanos, Runnable whileWaiting) {
    long deadline = System.nanoTime() + nanos;
    for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
      whileWaiting.run();
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, MAX_SLEEP_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(e);
      }
    }
  }

  private static ApplicationFailure interrupted(InterruptedException e) {
    return ApplicationFailure.newBuilder()
        .setType(NeonFailures.UNAVAILABLE)
        .setMessage("interrupted while waiting for the Neon rate budget")
        .setCause(e)
        .build();
  }

  @PreDestroy
  void close() {
    reporting.shutdownNow();
    leasing.shutdownNow();
  }

  /**
   * Tokens leased for one route, usable until their deadline; lease sizes follow demand. Tokens
   * left at the deadline (or when the pool is refilled) are settled: they can no longer be sent.
   */
  private static final class RoutePool {
    final ReentrantLock refilling = new ReentrantLock();
    private final BudgetStats stats;
    private final Queue<Settlement> unsettled;
    private long leaseId;
    private int tokens;
    private int lastGranted;
    private int usedOfLast;
    private long deadlineNanos;

    RoutePool(BudgetStats stats, Queue<Settlement> unsettled) {
      this.stats = stats;
      this.unsettled = unsettled;
    }

    synchronized boolean take() {
      if (tokens > 0 && System.nanoTime() - deadlineNanos < 0) {
        tokens--;
        usedOfLast++;
        return true;
      }
      lapse();
      return false;
    }

    synchronized void expire() {
      if (tokens > 0 && System.nanoTime() - deadlineNanos >= 0) {
        lapse();
      }
    }

    private void lapse() {
      if (tokens > 0) {
        stats.lapsed(tokens);
        tokens = 0;
        unsettled.add(new Settlement(leaseId, usedOfLast));
      }
    }

    synchronized void fill(long id, int granted, long deadline) {
      lapse();
      leaseId = id;
      tokens = granted;
      lastGranted = granted;
      usedOfLast = 0;
      deadlineNanos = deadline;
    }

    /** Double while leases run dry before they lapse; shrink to what was used when they don't. */
    synchronized int nextSize(int max) {
      if (lastGranted == 0) {
        return 1;
      }
      int size = usedOfLast >= lastGranted ? lastGranted * 2 : usedOfLast + 1;
      return Math.max(1, Math.min(max, size));
    }
  }
}
