package org.neonmigrate.workflows.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.FakeOrgMigration.Behaviour;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * In real time, bulk approvals race the children's gate signals, the waves' reports, the batch's
 * window signals and the waves' child starts into the same workflow tasks. A worker that replays
 * the batch or a wave from scratch must make the same decisions.
 */
class BatchConcurrentDecisionsReplayTest {

  @Test
  void approvalsRacingReportsAndWindowsReplayDeterministically() throws Exception {
    TestWorkflowEnvironment env =
        BatchWorkflowTestBase.startedEnvironment(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    try {
      WorkflowClient client = env.getWorkflowClient();
      for (int i = 1; i <= 60; i++) {
        FakeOrgMigration.behaviours.put("org-" + i, Behaviour.GATE_ONLY);
      }
      List<MigrationRequest> migrations = BatchWorkflowTestBase.migrations(60);
      BatchLaunch.startBatch(
          client,
          MigrationNames.TASK_QUEUE,
          BatchWorkflowTestBase.batch("race", migrations, 15, 20),
          "");
      BatchLaunch.startWaves(
          client,
          MigrationNames.TASK_QUEUE,
          "race",
          BatchWorkflowTestBase.REQUESTED_BY,
          BatchLaunch.waves(migrations, 20));
      BatchMigrationWorkflow batch =
          client.newWorkflowStub(BatchMigrationWorkflow.class, MigrationNames.batchId("race"));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (batch.progress().finished() < 60 && System.nanoTime() < deadline) {
        batch.approveAll(new BulkDecision("azure-deletion", "approver@example.com", true, "ok"));
        Thread.sleep(20);
      }
      BatchReport report =
          WorkflowStub.fromTyped(batch).getResult(30, TimeUnit.SECONDS, BatchReport.class);
      assertThat(report.completed()).isEqualTo(60);

      WorkflowExecutionHistory history = client.fetchHistory(MigrationNames.batchId("race"));
      WorkflowReplayer.replayWorkflowExecution(history, BatchMigrationWorkflowImpl.class);
      for (int wave = 1; wave <= 3; wave++) {
        WorkflowReplayer.replayWorkflowExecution(
            client.fetchHistory(MigrationNames.batchWaveId("race", wave)),
            BatchWaveWorkflowImpl.class);
      }
    } finally {
      env.close();
    }
  }
}
