package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.context.ApplicationContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.neon.ClusterNeonRateBudget;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.activities.neon.NeonFailures;
import org.neonmigrate.activities.neon.NeonRateBudget;
import org.neonmigrate.sandbox.SimulatorFixture;
import org.neonmigrate.sandbox.neon.RateLimits;
import org.neonmigrate.workflows.TaskQueues;
import org.neonmigrate.workflows.budget.NeonApiBudgetWorkflowImpl;

/**
 * Two worker processes (two application contexts, two Temporal clients) with one Neon key share one
 * budget through the budget workflow on a real-time Temporal test service: together they stay
 * within the per-route rate that each alone would have used up.
 */
class ClusterBudgetTest extends SimulatorFixture {

  private static final String ROUTE = "GET /organizations/{org_id}";
  private static final int PER_ROUTE_PER_SECOND = 10;

  private TestWorkflowEnvironment temporal;
  private final List<ApplicationContext> workers = new ArrayList<>();

  @BeforeEach
  void startTemporal() {
    temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    temporal
        .newWorker(TaskQueues.defaults().budget())
        .registerWorkflowImplementationTypes(NeonApiBudgetWorkflowImpl.class);
    temporal.start();
    sims.neon().rateLimits().update(new RateLimits.Settings(6_000, PER_ROUTE_PER_SECOND));
  }

  @AfterEach
  void stop() {
    workers.forEach(ApplicationContext::close);
    temporal.close();
  }

  @Test
  void twoWorkersTogetherStayWithinTheRouteRateAndNeitherIsStarved() throws Exception {
    NeonClient a = worker("worker-a", temporal.getNamespace());
    NeonClient b = worker("worker-b", temporal.getNamespace());
    AtomicInteger rateLimited = new AtomicInteger();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        NeonClient neon = i % 2 == 0 ? a : b;
        calls.add(
            threads.submit(
                () -> {
                  int sent = 0;
                  while (System.nanoTime() < until) {
                    try {
                      neon.organization(CONTOSO);
                      sent++;
                    } catch (ApplicationFailure failure) {
                      if (NeonFailures.RATE_LIMITED.equals(failure.getType())) {
                        rateLimited.incrementAndGet();
                      } else {
                        throw failure;
                      }
                    }
                  }
                  return sent;
                }));
      }
      int byA = calls.get(0).get() + calls.get(2).get() + calls.get(4).get();
      int byB = calls.get(1).get() + calls.get(3).get() + calls.get(5).get();

      assertThat(rateLimited).hasValue(0);
      assertThat(sims.neon().calls().count(ROUTE, 429)).isZero();
      // over the whole run, as the simulator counted them: one route's rate, not two
      assertThat(sims.neon().calls().count(ROUTE)).isEqualTo(byA + byB);
      // each alone could have sent 10/s; together they still share one 10/s
      assertThat(byA + byB).isBetween(15, 5 * PER_ROUTE_PER_SECOND + PER_ROUTE_PER_SECOND);
      // leases go first come, first served: shares vary with scheduling, but neither starves
      assertThat(byA).isGreaterThan((byA + byB) / 6);
      assertThat(byB).isGreaterThan((byA + byB) / 6);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void tokensLeftUnusedWhenALeaseLapsesAreGivenBackAtOnceNotAfterAMinute() throws Exception {
    int perMinute = 20;
    sims.neon().rateLimits().update(new RateLimits.Settings(perMinute, 100));
    NeonClient neon = worker("worker-d", temporal.getNamespace(), perMinute, 100);
    long start = System.nanoTime();
    // leases grow 1, 2, 4, 8 while they run dry; the fifth gets the minute's last 5 tokens
    for (int i = 0; i < 16; i++) {
      neon.organization(CONTOSO);
    }
    Thread.sleep(400); // its 4 unused tokens lapse with the lease

    for (int i = 0; i < perMinute - 16; i++) {
      neon.organization(CONTOSO);
    }

    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertThat(seconds).as("no wait for the minute to roll over").isLessThan(20);
    assertThat(sims.neon().calls().count(ROUTE)).isEqualTo(perMinute);
    assertThat(sims.neon().calls().count(ROUTE, 429)).isZero();
  }

  @Test
  void whenTheBudgetCannotBeReachedTheAttemptFailsRetryablyAndNoCallIsSent() {
    // a namespace no worker polls: the lease is never answered
    NeonClient neon = worker("worker-c", "nobody-polls-here");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> neon.organization(CONTOSO));

    assertThat(failure).isNotNull();
    assertThat(failure.getType()).isEqualTo(NeonFailures.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("neon-api-budget-").doesNotContain(KEY);
    assertThat(sims.neon().calls().count(ROUTE)).isZero();
  }

  @Test
  void theBudgetWorkflowIsNamedByTheKeysFingerprintNeverTheKey() {
    String id = ClusterNeonRateBudget.fingerprint(KEY);
    assertThat(id).matches("[0-9a-f]{12}");
    assertThat(KEY).doesNotContain(id);
  }

  private NeonClient worker(String identity, String namespace) {
    return worker(identity, namespace, 6_000, PER_ROUTE_PER_SECOND);
  }

  private NeonClient worker(String identity, String namespace, int perMinute, int perRoute) {
    WorkflowClient client =
        WorkflowClient.newInstance(
            temporal.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder()
                .setNamespace(namespace)
                .setIdentity(identity)
                .build());
    ApplicationContext context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(
                Map.of(
                    NeonRateBudget.MODE,
                    "cluster",
                    "neon.api.url",
                    sims.neon().baseUrl(),
                    "neon.api.key",
                    KEY,
                    "neon.budget.per-minute",
                    Integer.toString(perMinute),
                    "neon.budget.per-route-per-second",
                    Integer.toString(perRoute),
                    "neon.budget.lease-validity",
                    "200ms",
                    "neon.budget.lease-timeout",
                    "2s"))
            .singletons(client, TaskQueues.defaults())
            .start();
    workers.add(context);
    assertThat(context.getBean(NeonRateBudget.class)).isInstanceOf(ClusterNeonRateBudget.class);
    return context.getBean(NeonClient.class);
  }
}
