package org.neonmigrate.workflows.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.FakeOrgMigration.Behaviour;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * In real time, bulk approvals and pages race the children's progress signals, the batch's child
 * starts and its continue-as-new into the same workflow tasks. A worker that replays a run from
 * scratch must make the same decisions. (With the former {@code decideAll} update instead of the
 * signal, this replay failed with TMPRL1100: the update's handler ran before the child starts it
 * had followed.)
 */
class BatchConcurrentDecisionsReplayTest {

  @Test
  void approvalsRacingProgressSignalsReplayDeterministically() throws Exception {
    TestWorkflowEnvironment env =
        BatchWorkflowTestBase.startedEnvironment(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try {
      WorkflowClient client = env.getWorkflowClient();
      for (int i = 1; i <= 60; i++) {
        FakeOrgMigration.behaviours.put("org-" + i, Behaviour.GATE_ONLY);
      }
      BatchMigrationWorkflow batch =
          client.newWorkflowStub(
              BatchMigrationWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(MigrationNames.batchId("race"))
                  .setTaskQueue(MigrationNames.TASK_QUEUE)
                  .build());
      WorkflowClient.start(
          batch::migrateAll,
          new BatchRequest(
              "race",
              BatchWorkflowTestBase.migrations(60),
              15,
              "ops@partner.example",
              null,
              null,
              null));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (batch.progress().finished() < 60 && System.nanoTime() < deadline) {
        batch.approveAll(new BulkDecision("azure-deletion", "approver@example.com", true, "ok"));
        Thread.sleep(20);
      }
      BatchReport report =
          WorkflowStub.fromTyped(batch).getResult(30, TimeUnit.SECONDS, BatchReport.class);
      assertThat(report.completed()).isEqualTo(60);

      WorkflowExecutionHistory history = client.fetchHistory(MigrationNames.batchId("race"));
      WorkflowReplayer.replayWorkflowExecution(history, BatchMigrationWorkflowImpl.class);
    } finally {
      env.close();
    }
  }

  @Test
  void pagesAddedWhileChildrenReportAndRunsContinueAsNewReplayDeterministically() throws Exception {
    TestWorkflowEnvironment env =
        BatchWorkflowTestBase.startedEnvironment(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try {
      WorkflowClient client = env.getWorkflowClient();
      List<MigrationRequest> all = BatchWorkflowTestBase.migrations(150);
      all.forEach(m -> FakeOrgMigration.behaviours.put(m.sourceOrgId(), Behaviour.INSTANT));
      String workflowId = MigrationNames.batchId("pages");
      BatchMigrationWorkflow batch =
          client.newWorkflowStub(
              BatchMigrationWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(workflowId)
                  .setTaskQueue(MigrationNames.TASK_QUEUE)
                  .build());
      WorkflowClient.start(
          batch::migrateAll,
          new BatchRequest(
              "pages", all.subList(0, 50), 150, 10, "ops@partner.example", 400, null, null, null));

      for (int page = 2; page <= 3; page++) {
        List<MigrationRequest> migrations = all.subList((page - 1) * 50, page * 50);
        assertThat(addPage(client, workflowId, new BatchPage(page, migrations)).pageNumber())
            .isEqualTo(page);
        Thread.sleep(150);
      }
      BatchReport report =
          client
              .newUntypedWorkflowStub(workflowId)
              .getResult(60, TimeUnit.SECONDS, BatchReport.class);
      assertThat(report.total()).isEqualTo(150);
      assertThat(report.completed()).isEqualTo(150);

      // every run of the chain, newest first
      List<String> runs = new ArrayList<>();
      String runId = null;
      do {
        WorkflowExecutionHistory history =
            runId == null
                ? client.fetchHistory(workflowId)
                : client.fetchHistory(workflowId, runId);
        WorkflowReplayer.replayWorkflowExecution(history, BatchMigrationWorkflowImpl.class);
        runs.add(history.getWorkflowExecution().getRunId());
        runId =
            history
                .getHistory()
                .getEvents(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getContinuedExecutionRunId();
      } while (!runId.isEmpty());
      assertThat(runs).as("the batch continued as new while pages came in").hasSizeGreaterThan(1);
    } finally {
      env.close();
    }
  }

  /**
   * As the REST API does, without a run id: an update that lands just as a run continues as new
   * finds it closed, and is sent again (pages are idempotent by number).
   */
  private static BatchPageAck addPage(WorkflowClient client, String workflowId, BatchPage page)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return client
            .newUntypedWorkflowStub(workflowId)
            .update(BatchMigrationWorkflow.UPDATE_ADD_MIGRATIONS, BatchPageAck.class, page);
      } catch (WorkflowServiceException e) {
        if (attempt == 5) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
