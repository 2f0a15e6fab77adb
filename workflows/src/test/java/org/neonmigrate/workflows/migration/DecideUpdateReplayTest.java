package org.neonmigrate.workflows.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.activities.OperatorNotification;
import org.neonmigrate.workflows.activities.ProjectPage;

/**
 * The {@code decide} update, which the REST API sends, arriving in the same workflow task as an
 * activity's completion: the run answers it consistently live and makes the same decisions when a
 * worker replays its history from scratch. While the activity completes and the update arrives,
 * other workflows hold every workflow-task slot, so both reach the run in one task (in real time,
 * no time skipping).
 */
class DecideUpdateReplayTest {
  private final MigrationFixtures fixtures = new MigrationFixtures();
  private final CountDownLatch listingStarted = new CountDownLatch(1);
  private final CountDownLatch listingMayFinish = new CountDownLatch(1);
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startTemporal() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    for (String name : List.of("MigrationStep", "SourceOrgId", "BatchId")) {
      env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    // activities only: the workflow worker is a factory of its own, stopped and started below
    Worker activities = env.newWorker(MigrationNames.TASK_QUEUE);
    activities.registerActivitiesImplementations(
        fixtures.discovery,
        fixtures.transfer,
        fixtures.reconfigure,
        fixtures.verify,
        fixtures.azure,
        fixtures.notifications);
    fixtures.happyPath();
    AtomicInteger walks = new AtomicInteger();
    doAnswer(
            inv -> {
              if (walks.incrementAndGet() == 1) {
                return new ProjectPage(MigrationFixtures.projects(3), null);
              }
              // the listing of what is left: the last activity before the azure-deletion gate
              listingStarted.countDown();
              listingMayFinish.await(30, TimeUnit.SECONDS);
              return new ProjectPage(List.of(), null);
            })
        .when(fixtures.discovery)
        .inventoryProjects(any());
    env.start();
    client = env.getWorkflowClient();
  }

  /**
   * Two workflow-task slots (one poller on the task queue, one on the worker's sticky queue): while
   * two slot holders spin, nothing polls, and the migration's next task waits on the server.
   */
  private WorkerFactory startWorkflowWorker() {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    factory
        .newWorker(
            MigrationNames.TASK_QUEUE,
            WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskExecutionSize(2)
                .setMaxConcurrentWorkflowTaskPollers(2)
                .setDefaultDeadlockDetectionTimeout(30_000)
                .build())
        .registerWorkflowImplementationTypes(OrgMigrationWorkflowImpl.class, SlotHolderImpl.class);
    factory.start();
    return factory;
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  @Test
  void anUpdateArrivingWithTheActivityThatOpensTheGateIsRefusedAndTheRunReplays() throws Exception {
    WorkerFactory workers = startWorkflowWorker();
    OrgMigrationWorkflow workflow =
        MigrationFixtures.start(
            client, MigrationNames.TASK_QUEUE, MigrationFixtures.request(false));
    assertThat(listingStarted.await(30, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<MigrationStatus> decided = raceUpdate(workflow, listingMayFinish);

    // the validator runs before the task's events reach the run: the gate is not open yet, and
    // the caller hears so at once (the REST API answers 409; ask again)
    assertThatThrownBy(() -> decided.get(60, TimeUnit.SECONDS))
        .hasCauseInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("not waiting at any gate");
    MigrationFixtures.waitFor(env, workflow, s -> "azure-deletion".equals(s.awaitingGate()));
    workflow.decide(new Decision("azure-deletion", "alice@example.com", true, "go"));
    assertThat(MigrationFixtures.result(workflow).finalStep()).isEqualTo(Step.COMPLETED);

    replay(workers);
  }

  @Test
  void anUpdateAcceptedInTheTaskOfAnActivityCompletionReplays() throws Exception {
    CountDownLatch notifying = new CountDownLatch(1);
    CountDownLatch notificationMayFinish = new CountDownLatch(1);
    listingMayFinish.countDown();
    doAnswer(
            inv -> {
              OperatorNotification n = inv.getArgument(0);
              if (OperatorNotification.KIND_GATE_OPENED.equals(n.kind())) {
                notifying.countDown();
                notificationMayFinish.await(30, TimeUnit.SECONDS);
              }
              return null;
            })
        .when(fixtures.notifications)
        .notifyOperators(any());
    WorkerFactory workers = startWorkflowWorker();
    OrgMigrationWorkflow workflow =
        MigrationFixtures.start(
            client, MigrationNames.TASK_QUEUE, MigrationFixtures.request(false));
    assertThat(notifying.await(30, TimeUnit.SECONDS)).isTrue();

    MigrationStatus decided = raceUpdate(workflow, notificationMayFinish).get(60, TimeUnit.SECONDS);

    assertThat(decided.approvals())
        .extracting(ApprovalRecord::approver)
        .contains("alice@example.com");
    assertThat(MigrationFixtures.result(workflow).finalStep()).isEqualTo(Step.COMPLETED);
    List<HistoryEvent> events = client.fetchHistory(MigrationFixtures.WORKFLOW_ID).getEvents();
    assertThat(events)
        .extracting(HistoryEvent::getEventType)
        .contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
    assertThat(updateSharedATaskWithAnActivityCompletion(events)).isTrue();

    replay(workers);
  }

  @Test
  void aSignalAndAnUpdateDecidingInOneTaskReplayWithTheSameWinner() throws Exception {
    listingMayFinish.countDown();
    WorkerFactory workers = startWorkflowWorker();
    OrgMigrationWorkflow workflow =
        MigrationFixtures.start(
            client, MigrationNames.TASK_QUEUE, MigrationFixtures.request(false));
    MigrationFixtures.waitFor(env, workflow, s -> "azure-deletion".equals(s.awaitingGate()));

    // a CLI caller's reject signal, then the API's approve update, into the same task
    CompletableFuture<MigrationStatus> decided =
        raceUpdate(
            workflow,
            () -> workflow.reject(new Rejection("azure-deletion", "carol@example.com", "wait")));
    Throwable refused = null;
    try {
      decided.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      refused = e.getCause();
    }
    try {
      WorkflowStub.fromTyped(workflow).getResult(MigrationReport.class);
    } catch (WorkflowFailedException rejected) {
      // the reject signal won
    }
    MigrationReport report = workflow.report();
    System.out.println(
        "update " + (refused == null ? "won" : "refused: " + refused) + "; " + report.approvals());
    // exactly one decision counted, and the answer to the update says which
    assertThat(report.approvals()).hasSize(1);
    assertThat(report.approvals().get(0).approved()).isEqualTo(refused == null);

    replay(workers);
  }

  /**
   * Lets the other event happen (a blocked activity finish, a signal) and sends the update while
   * both workflow-task slots are held, so both reach the run in one task.
   */
  private CompletableFuture<MigrationStatus> raceUpdate(
      OrgMigrationWorkflow workflow, CountDownLatch activityMayFinish) throws Exception {
    return raceUpdate(workflow, activityMayFinish::countDown);
  }

  private CompletableFuture<MigrationStatus> raceUpdate(
      OrgMigrationWorkflow workflow, Runnable otherEvent) throws Exception {
    // each holder's first task is quick, so the worker caches it; the signal's task then goes to
    // the worker's sticky queue and spins, and the two fill both slots
    List<SlotHolder> holders = new ArrayList<>();
    for (String id : List.of("slot-holder-1", "slot-holder-2")) {
      SlotHolder holder =
          client.newWorkflowStub(
              SlotHolder.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(id)
                  .setTaskQueue(MigrationNames.TASK_QUEUE)
                  .build());
      WorkflowClient.start(holder::hold, 3_000L);
      holders.add(holder);
    }
    Thread.sleep(500);
    holders.forEach(SlotHolder::spin);
    Thread.sleep(500); // both slots held: nothing polls
    otherEvent.run();
    Thread.sleep(500); // the event is recorded; the run's next task waits
    return CompletableFuture.supplyAsync(
        () ->
            WorkflowStub.fromTyped(workflow)
                .update(
                    MigrationNames.UPDATE_DECIDE,
                    MigrationStatus.class,
                    new Decision("azure-deletion", "alice@example.com", true, "go")));
  }

  /** The update was accepted in a task whose events include an activity's completion. */
  private static boolean updateSharedATaskWithAnActivityCompletion(List<HistoryEvent> events) {
    boolean completedSinceLastTask = false;
    boolean previousTaskHadOne = false;
    for (HistoryEvent e : events) {
      switch (e.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> completedSinceLastTask = true;
        case EVENT_TYPE_WORKFLOW_TASK_STARTED -> {
          previousTaskHadOne = completedSinceLastTask;
          completedSinceLastTask = false;
        }
        case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> {
          if (previousTaskHadOne) {
            return true;
          }
        }
        default -> {}
      }
    }
    return false;
  }

  private void replay(WorkerFactory workers) throws Exception {
    workers.shutdownNow();
    WorkflowExecutionHistory history = client.fetchHistory(MigrationFixtures.WORKFLOW_ID);
    WorkflowReplayer.replayWorkflowExecution(history, OrgMigrationWorkflowImpl.class);
  }

  /** Holds one workflow-task slot for a while, once told to. */
  @WorkflowInterface
  public interface SlotHolder {
    @WorkflowMethod
    void hold(long millis);

    @SignalMethod
    void spin();
  }

  public static class SlotHolderImpl implements SlotHolder {
    private boolean told;

    @Override
    public void hold(long millis) {
      Workflow.await(() -> told);
      if (Workflow.isReplaying()) {
        return;
      }
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    }

    @Override
    public void spin() {
      told = true;
    }
  }
}
