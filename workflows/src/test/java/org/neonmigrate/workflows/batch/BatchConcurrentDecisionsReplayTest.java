package org.neonmigrate.workflows.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.FakeOrgMigration.Behaviour;

/**
 * In real time, bulk approvals race the children's progress signals and the batch's child starts
 * into the same workflow tasks. A worker that replays the run from scratch must make the same
 * decisions. (With the former {@code decideAll} update instead of the signal, this replay failed
 * with TMPRL1100: the update's handler ran before the child starts it had followed.)
 */
class BatchConcurrentDecisionsReplayTest {

  @Test
  void approvalsRacingProgressSignalsReplayDeterministically() throws Exception {
    FakeOrgMigration.reset();
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try {
      for (String name : List.of("MigrationStep", "SourceOrgId", "BatchId")) {
        env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      }
      Worker worker = env.newWorker(MigrationNames.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(
          BatchMigrationWorkflowImpl.class, FakeOrgMigration.class);
      env.start();
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
}
