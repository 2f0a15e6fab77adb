package org.neonmigrate.workflows.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.FakeOrgMigration.Behaviour;
import org.neonmigrate.workflows.migration.Gate;
import org.neonmigrate.workflows.migration.OrgMigrationWorkflow;
import org.neonmigrate.workflows.migration.Step;

class BatchMigrationLifecycleTest extends BatchWorkflowTestBase {

  @Test
  void aLargeBatchKeepsEveryHistoryBoundedByItsWaveNotByTheBatch() {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      ids.add("org-" + i);
      FakeOrgMigration.behaviours.put("org-" + i, Behaviour.INSTANT);
    }
    launch("big", migrations(300), 25, 50);

    BatchReport report = result("big");

    assertThat(report.completed()).isEqualTo(300);
    assertThat(report.waveWorkflowIds()).hasSize(6);
    assertThat(rows("big")).extracting(OrgOutcome::sourceOrgId).containsExactlyElementsOf(ids);
    assertThat(FakeOrgMigration.maxWorking.get()).isLessThanOrEqualTo(25);
    // a wave: a start, a close and a workflow task per child, plus its reports to the batch
    for (String wave : report.waveWorkflowIds()) {
      assertThat(events(wave)).as(wave).isLessThan(50 * 12);
    }
    // the batch: a few events per report of a wave, not per org
    assertThat(events(MigrationNames.batchId("big"))).isLessThan(300 * 4);
  }

  private int events(String workflowId) {
    List<HistoryEvent> events = client.fetchHistory(workflowId).getEvents();
    assertThat(events.get(events.size() - 1).getEventType())
        .isNotEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    return events.size();
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        Arguments.of(
            new BatchRequest("empty", REQUESTED_BY, 5, List.of(), null, null, null),
            "waveSizes must not be empty"),
        Arguments.of(
            new BatchRequest("big-wave", REQUESTED_BY, 5, List.of(1_001), null, null, null),
            "every wave size must be 1..1000"),
        Arguments.of(batch("zero", migrations(2), 0, 2), "concurrency must be 1..200"),
        Arguments.of(batch("too-many", migrations(2), 201, 2), "concurrency must be 1..200"),
        Arguments.of(
            new BatchRequest("nobody", " ", 5, List.of(2), null, null, null),
            "requestedBy is required"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidRequests")
  void anInvalidBatchIsRejectedBeforeAnythingStarts(BatchRequest request, String problem) {
    BatchMigrationWorkflow batch = newBatchStub(request.batchId());

    assertThatThrownBy(() -> batch.migrateAll(request))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("InvalidBatchRequest");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains(problem);
            });
    assertThat(FakeOrgMigration.started).isEmpty();
  }

  @Test
  void aWaveNamingAnOrgTwiceFailsItsRowsAndTheBatchDoesNotWaitForThem() {
    FakeOrgMigration.behaviours.put("org-1", Behaviour.GATELESS);
    List<List<org.neonmigrate.workflows.migration.MigrationRequest>> waves =
        List.of(List.of(migration("org-1")), List.of(migration("org-2"), migration("org-2")));
    BatchLaunch.startBatch(
        client,
        MigrationNames.TASK_QUEUE,
        new BatchRequest("twice", REQUESTED_BY, 2, List.of(1, 2), null, null, null),
        "");
    BatchLaunch.startWaves(client, MigrationNames.TASK_QUEUE, "twice", REQUESTED_BY, waves);

    BatchReport report = result("twice");

    assertThat(report.completed()).isEqualTo(1);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(FakeOrgMigration.started).containsExactly("org-1");
    WorkflowStub wave2 = client.newUntypedWorkflowStub(MigrationNames.batchWaveId("twice", 2));
    assertThatThrownBy(() -> wave2.getResult(WaveReport.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getOriginalMessage()).contains("duplicated: org-2"));
  }

  @Test
  void aBatchWaitsForAWaveThatArrivesLateAndAWaveOfAClosedBatchStartsNothing() {
    for (int i = 1; i <= 4; i++) {
      FakeOrgMigration.behaviours.put("org-" + i, Behaviour.GATELESS);
    }
    List<List<org.neonmigrate.workflows.migration.MigrationRequest>> waves =
        BatchLaunch.waves(migrations(4), 2);
    BatchLaunch.startBatch(
        client, MigrationNames.TASK_QUEUE, batch("late", migrations(4), 2, 2), "");
    BatchLaunch.startWaves(
        client, MigrationNames.TASK_QUEUE, "late", REQUESTED_BY, waves.subList(0, 1));
    BatchProgress waiting = waitFor("late", p -> p.completed() == 2);
    env.sleep(Duration.ofHours(1));

    assertThat(existingBatch("late").progress().wavesNotArrived()).isEqualTo(1);
    assertThat(waiting.notStarted()).isEqualTo(2);

    // a retried start: only the missing wave is started
    assertThat(
            BatchLaunch.startWaves(client, MigrationNames.TASK_QUEUE, "late", REQUESTED_BY, waves))
        .isEqualTo(1);
    assertThat(result("late").completed()).isEqualTo(4);

    // the batch is closed now: a stray wave for it starts nothing
    BatchLaunch.startWaves(
        client,
        MigrationNames.TASK_QUEUE,
        "late",
        REQUESTED_BY,
        List.of(List.of(), List.of(), List.of(migration("org-99"))));
    WaveReport stray =
        client
            .newUntypedWorkflowStub(MigrationNames.batchWaveId("late", 3))
            .getResult(WaveReport.class);
    assertThat(stray.orgs()).singleElement().satisfies(row -> assertThat(row.started()).isFalse());
    assertThat(FakeOrgMigration.started).doesNotContain("org-99");
  }

  @Test
  void cancellingTheBatchStopsNewStartsAndCancelsChildrenNotYetDeletingTheAzureResource()
      throws InterruptedException {
    FakeOrgMigration.behaviours.put("org-1", Behaviour.WORK_FOREVER);
    FakeOrgMigration.behaviours.put("org-2", Behaviour.HANG_IN_DELETE);
    FakeOrgMigration.behaviours.put("org-3", Behaviour.WORK_FOREVER);
    launch("cancel", migrations(5), 2, 5);
    waitFor("cancel", p -> p.awaitingHumanCount() == 1);
    existingBatch("cancel")
        .approveAll(new BulkDecision(Gate.AZURE_DELETION.wireName(), "ops", true, null));
    // org-2 takes its slot back after the approval: 3 work in a window of 2 until one ends
    waitFor("cancel", p -> p.working() == 3 && p.awaitingHumanCount() == 0);
    env.sleep(Duration.ofMinutes(10));

    WorkflowStub stub = WorkflowStub.fromTyped(existingBatch("cancel"));
    stub.cancel();
    awaitClosedWithoutSkippingTime(stub);

    assertThatThrownBy(() -> stub.getResult(BatchReport.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    env.sleep(Duration.ofMinutes(1));
    assertThat(FakeOrgMigration.started).containsExactlyInAnyOrder("org-1", "org-2", "org-3");
    assertThat(FakeOrgMigration.cancelled).containsExactlyInAnyOrder("org-1", "org-3");
    WorkflowStub wave = client.newUntypedWorkflowStub(MigrationNames.batchWaveId("cancel", 1));
    awaitClosedWithoutSkippingTime(wave);
    List<OrgOutcome> rows =
        client
            .newWorkflowStub(BatchWaveWorkflow.class, MigrationNames.batchWaveId("cancel", 1))
            .report()
            .orgs();
    assertThat(rows).hasSize(5);
    assertThat(rows.get(0).step()).isEqualTo(Step.CANCELLED);
    assertThat(rows.get(1).finished()).as("org-2 is deleting and goes on").isFalse();
    assertThat(rows.get(2).step()).isEqualTo(Step.CANCELLED);
    assertThat(rows.subList(3, 5))
        .allSatisfy(row -> assertThat(row.started()).isFalse())
        .allSatisfy(row -> assertThat(row.step()).isEqualTo(Step.CANCELLED));
  }

  @Test
  void aFailingChildIsReportedWithItsErrorAndDoesNotStallTheBatch() {
    FakeOrgMigration.behaviours.put("org-2", Behaviour.FAIL);
    FakeOrgMigration.behaviours.put("org-3", Behaviour.CRASH);
    launch("failures", migrations(5), 2, 5);
    waitFor("failures", p -> p.awaitingHumanCount() == 3);
    existingBatch("failures")
        .approveAll(new BulkDecision(Gate.AZURE_DELETION.wireName(), "ops", true, null));

    BatchReport report = result("failures");

    assertThat(report.completed()).isEqualTo(3);
    assertThat(report.failed()).isEqualTo(2);
    List<OrgOutcome> rows = rows("failures");
    assertThat(rows.get(1).error()).contains("project p-1 missing");
    assertThat(rows.get(1).step()).isEqualTo(Step.FAILED);
    assertThat(rows.get(2).error()).contains("worker bug");
    assertThat(rows.get(2).finished()).isTrue();
  }

  @Test
  void aRunAlreadyGoingOutsideTheBatchIsNotDuplicatedAndItsRowSaysSo() {
    FakeOrgMigration.behaviours.put("org-1", Behaviour.WORK_FOREVER);
    OrgMigrationWorkflow standalone =
        client.newWorkflowStub(
            OrgMigrationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(MigrationNames.orgMigrationId("org-1"))
                .setTaskQueue(MigrationNames.TASK_QUEUE)
                .build());
    WorkflowClient.start(standalone::migrate, migration("org-1"));
    FakeOrgMigration.behaviours.put("org-2", Behaviour.GATELESS);

    launch("existing", List.of(migration("org-1"), migration("org-2")), 2, 2);
    BatchReport report = result("existing");

    List<OrgOutcome> rows = rows("existing");
    assertThat(rows.get(0).finished()).isTrue();
    assertThat(rows.get(0).error()).contains("already running outside this batch");
    assertThat(rows.get(1).step()).isEqualTo(Step.COMPLETED);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(FakeOrgMigration.started).containsExactlyInAnyOrder("org-1", "org-2");
  }

  private void awaitClosedWithoutSkippingTime(WorkflowStub stub) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      io.temporal.api.enums.v1.WorkflowExecutionStatus status =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(stub.getExecution())
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
      if (status
          != io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the run did not close within 30 s of its cancellation");
  }
}
