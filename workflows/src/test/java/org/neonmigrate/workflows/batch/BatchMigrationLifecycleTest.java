package org.neonmigrate.workflows.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
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
  void aLargeBatchContinuesAsNewWithBoundedRunsAndReportsEveryOrgOnce() {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      ids.add("org-" + i);
      // No timers in the children: the time-skipping test server stops skipping time for children
      // once their parent continued as new (temporalio/sdk-java#1540).
      FakeOrgMigration.behaviours.put("org-" + i, Behaviour.INSTANT);
    }
    BatchRequest request =
        new BatchRequest("big", migrations(300), 25, "ops@partner.example", 400, null, null);
    BatchMigrationWorkflow batch = newBatchStub("big");
    String firstRunId = WorkflowClient.start(batch::migrateAll, request).getRunId();

    BatchReport report = WorkflowStub.fromTyped(batch).getResult(BatchReport.class);

    assertThat(report.orgs()).extracting(OrgOutcome::sourceOrgId).containsExactlyElementsOf(ids);
    assertThat(report.completed()).isEqualTo(300);
    assertThat(FakeOrgMigration.maxWorking.get()).isLessThanOrEqualTo(25);
    List<Integer> eventsPerRun = eventsPerRun(firstRunId);
    assertThat(eventsPerRun).hasSizeGreaterThanOrEqualTo(4);
    // The limit plus what one window's children add while the run drains: bounded by the window
    // (about 8 events per child, twice that on a loaded machine where more progress signals land
    // before the run closes), not by the size of the batch.
    assertThat(eventsPerRun).allSatisfy(events -> assertThat(events).isLessThan(400 + 16 * 25));
  }

  private List<Integer> eventsPerRun(String firstRunId) {
    List<Integer> sizes = new ArrayList<>();
    String runId = firstRunId;
    while (runId != null) {
      WorkflowExecutionHistory history = client.fetchHistory(MigrationNames.batchId("big"), runId);
      List<HistoryEvent> events = history.getEvents();
      sizes.add(events.size());
      HistoryEvent last = events.get(events.size() - 1);
      runId =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return sizes;
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        Arguments.of(batch("empty", List.of(), 5), "migrations must not be empty"),
        Arguments.of(
            batch("twice", List.of(migration("org-a"), migration("org-a")), 5),
            "duplicated: org-a"),
        Arguments.of(batch("zero", migrations(2), 0), "concurrency must be 1..200"),
        Arguments.of(batch("too-many", migrations(2), 201), "concurrency must be 1..200"),
        Arguments.of(
            new BatchRequest("nobody", migrations(2), 5, " ", null, null, null),
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
  void cancellingTheBatchStopsNewStartsAndCancelsChildrenNotYetDeletingTheAzureResource()
      throws InterruptedException {
    FakeOrgMigration.behaviours.put("org-1", Behaviour.WORK_FOREVER);
    FakeOrgMigration.behaviours.put("org-2", Behaviour.HANG_IN_DELETE);
    startBatch(batch("cancel", migrations(5), 2));
    waitFor("cancel", p -> p.byStep().containsKey("DELETE_AZURE") && p.working() == 2);

    WorkflowStub stub = WorkflowStub.fromTyped(existingBatch("cancel"));
    stub.cancel();
    // Wait in real time with workflow time locked: getResult would let the test server skip time
    // while the external cancel requests are in flight, and jump to the run's timeout.
    awaitClosedWithoutSkippingTime(stub);

    assertThatThrownBy(() -> stub.getResult(BatchReport.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    env.sleep(Duration.ofMinutes(1));
    assertThat(FakeOrgMigration.started).containsExactlyInAnyOrder("org-1", "org-2");
    assertThat(FakeOrgMigration.cancelled).containsExactly("org-1");
    BatchReport report = existingBatch("cancel").report();
    assertThat(report.orgs()).hasSize(5);
    // Either the child's own CANCELLED report or the batch's note, whichever came first.
    OrgOutcome cancelledRow = report.orgs().get(0);
    assertThat(
            cancelledRow.step() == Step.CANCELLED
                || String.valueOf(cancelledRow.error()).contains("cancellation requested"))
        .as("org-1 row %s", cancelledRow)
        .isTrue();
    assertThat(report.orgs().get(1).error()).isNull();
    assertThat(report.orgs().subList(2, 5)).allSatisfy(row -> assertThat(row.started()).isFalse());
  }

  @Test
  void aFailingChildIsReportedWithItsErrorAndDoesNotStallTheBatch() {
    FakeOrgMigration.behaviours.put("org-2", Behaviour.FAIL);
    FakeOrgMigration.behaviours.put("org-3", Behaviour.CRASH);
    startBatch(batch("failures", migrations(5), 2));
    waitFor("failures", p -> p.awaitingHumanCount() == 3);
    existingBatch("failures")
        .approveAll(new BulkDecision(Gate.AZURE_DELETION.wireName(), "ops", true, null));

    BatchReport report =
        WorkflowStub.fromTyped(existingBatch("failures")).getResult(BatchReport.class);

    assertThat(report.completed()).isEqualTo(3);
    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.orgs().get(1).error()).contains("project p-1 missing");
    assertThat(report.orgs().get(1).step()).isEqualTo(Step.FAILED);
    assertThat(report.orgs().get(2).error()).contains("worker bug");
    assertThat(report.orgs().get(2).finished()).isTrue();
  }

  @Test
  void aRunThatAlreadyExistedIsAdoptedAndItsSilentEndIsFoundByAProbe() {
    FakeOrgMigration.behaviours.put("org-1", Behaviour.GATELESS);
    OrgMigrationWorkflow standalone =
        client.newWorkflowStub(
            OrgMigrationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(MigrationNames.orgMigrationId("org-1"))
                .setTaskQueue(MigrationNames.TASK_QUEUE)
                .build());
    WorkflowClient.start(standalone::migrate, migration("org-1"));
    FakeOrgMigration.behaviours.put("org-2", Behaviour.GATELESS);

    BatchReport report =
        startAndWait(batch("adopt", List.of(migration("org-1"), migration("org-2")), 2));

    OrgOutcome adopted = report.orgs().get(0);
    assertThat(adopted.adopted()).isTrue();
    assertThat(adopted.finished()).isTrue();
    assertThat(adopted.error()).contains("closed without reporting");
    assertThat(report.orgs().get(1).step()).isEqualTo(Step.COMPLETED);
  }

  private BatchReport startAndWait(BatchRequest request) {
    startBatch(request);
    return WorkflowStub.fromTyped(existingBatch(request.batchId())).getResult(BatchReport.class);
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
    throw new AssertionError("the batch did not close within 30 s of its cancellation");
  }
}
