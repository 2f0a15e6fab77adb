package org.neonmigrate.workflows.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.BatchLaunch;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflow;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflowImpl;
import org.neonmigrate.workflows.batch.BatchProgress;
import org.neonmigrate.workflows.batch.BatchReport;
import org.neonmigrate.workflows.batch.BatchRequest;
import org.neonmigrate.workflows.batch.BatchWaveWorkflowImpl;
import org.neonmigrate.workflows.batch.BulkDecision;
import org.neonmigrate.workflows.batch.OrgOutcome;
import org.neonmigrate.workflows.batch.WaveReport;

/**
 * The real OrgMigration as a wave's child: its gate signals and its end are all the wave knows, and
 * it sends nothing else (each signal costs it two history events).
 */
class OrgMigrationInBatchTest {
  private final MigrationFixtures fixtures = new MigrationFixtures();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startTemporal() {
    env = TestWorkflowEnvironment.newInstance();
    for (String name : List.of("MigrationStep", "SourceOrgId", "BatchId")) {
      env.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = env.newWorker(MigrationNames.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        OrgMigrationWorkflowImpl.class,
        BatchMigrationWorkflowImpl.class,
        BatchWaveWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        fixtures.discovery,
        fixtures.transfer,
        fixtures.reconfigure,
        fixtures.verify,
        fixtures.azure,
        fixtures.notifications);
    fixtures.happyPath();
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  @Test
  void childrenReportTheirGatesAndOutcomesToTheBatchWithoutBeingQueried() {
    List<MigrationRequest> migrations =
        List.of(request("org-a"), request("org-b"), request("org-c"));
    BatchLaunch.startBatch(
        client,
        MigrationNames.TASK_QUEUE,
        new BatchRequest("b1", "ops@example.com", 2, List.of(2, 1), null, null, null),
        "");
    BatchLaunch.startWaves(
        client,
        MigrationNames.TASK_QUEUE,
        "b1",
        "ops@example.com",
        BatchLaunch.waves(migrations, 2));
    BatchMigrationWorkflow batch =
        client.newWorkflowStub(BatchMigrationWorkflow.class, MigrationNames.batchId("b1"));

    BatchProgress waiting = waitFor(batch, p -> p.awaitingHumanCount() == 3 && p.notStarted() == 0);
    assertThat(waiting.awaitingByGate()).containsEntry("azure-deletion", 3);

    batch.approveAll(new BulkDecision("azure-deletion", "approver@example.com", true, "verified"));
    BatchReport report =
        client.newUntypedWorkflowStub(MigrationNames.batchId("b1")).getResult(BatchReport.class);

    assertThat(report.completed()).isEqualTo(3);
    List<OrgOutcome> rows = new java.util.ArrayList<>();
    for (String wave : report.waveWorkflowIds()) {
      rows.addAll(client.newUntypedWorkflowStub(wave).getResult(WaveReport.class).orgs());
    }
    assertThat(rows)
        .extracting(OrgOutcome::sourceOrgId, OrgOutcome::step, OrgOutcome::projectsMoved)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("org-a", Step.COMPLETED, 3),
            org.assertj.core.groups.Tuple.tuple("org-b", Step.COMPLETED, 3),
            org.assertj.core.groups.Tuple.tuple("org-c", Step.COMPLETED, 3));
    // the gate's opening and leaving: two signals, four events, nothing more
    for (String org : List.of("org-a", "org-b", "org-c")) {
      long signals =
          client.fetchHistory(MigrationNames.orgMigrationId(org)).getEvents().stream()
              .filter(
                  e ->
                      e.getEventType()
                          == io.temporal.api.enums.v1.EventType
                              .EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED)
              .count();
      assertThat(signals).as(org).isEqualTo(2);
    }
    assertThat(rows)
        .allSatisfy(o -> assertThat(o.approvals()).contains("azure-deletion approver@example.com"));
  }

  private static MigrationRequest request(String source) {
    return new MigrationRequest(
        source,
        "dest-" + source,
        new AzureResource("sub-1", "rg-1", "res-" + source),
        false,
        "ops@example.com",
        false,
        null,
        null);
  }

  private BatchProgress waitFor(BatchMigrationWorkflow batch, Predicate<BatchProgress> condition) {
    for (int i = 0; i < 600; i++) {
      BatchProgress progress = batch.progress();
      if (condition.test(progress)) {
        return progress;
      }
      env.sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("batch never matched: " + batch.progress());
  }
}
