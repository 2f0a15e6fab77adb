package org.neonmigrate.workflows.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.activities.AccessInventory;
import org.neonmigrate.workflows.batch.BatchLaunch;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflow;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflowImpl;
import org.neonmigrate.workflows.batch.BatchReport;
import org.neonmigrate.workflows.batch.BatchRequest;
import org.neonmigrate.workflows.batch.BatchWaveWorkflowImpl;
import org.neonmigrate.workflows.batch.BulkDecision;

/**
 * How many history events one migration costs, as the benchmark's batch children run it (5
 * projects, 3 members of which 2 admins), and where they go: the histogram is printed.
 */
class OrgMigrationHistoryLengthTest {
  /** The budget for a batch child of 5 projects and 3 members (the bench measured 114 before). */
  static final int BATCH_CHILD_BUDGET = 100;

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
    fixtures.happyPath(MigrationFixtures.projects(5));
    when(fixtures.discovery.inventoryAccess(any()))
        .thenReturn(
            new AccessInventory(
                List.of(new MemberInvite("dev1@example.com", "member")),
                List.of("ci-deploy", "app-backend")));
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  @Test
  void aBatchChildOfFiveProjectsStaysWithinItsHistoryBudget() throws IOException {
    BatchLaunch.startBatch(
        client,
        MigrationNames.TASK_QUEUE,
        new BatchRequest("h1", "ops@example.com", 1, List.of(1), null, null, null),
        "");
    BatchLaunch.startWaves(
        client, MigrationNames.TASK_QUEUE, "h1", "ops@example.com", List.of(List.of(request())));
    BatchMigrationWorkflow batch =
        client.newWorkflowStub(BatchMigrationWorkflow.class, MigrationNames.batchId("h1"));
    for (int i = 0; i < 600 && batch.progress().awaitingHumanCount() == 0; i++) {
      env.sleep(Duration.ofSeconds(1));
    }
    batch.approveAll(new BulkDecision("azure-deletion", "approver@example.com", true, "verified"));
    BatchReport report =
        client.newUntypedWorkflowStub(MigrationNames.batchId("h1")).getResult(BatchReport.class);
    assertThat(report.completed()).isEqualTo(1);

    WorkflowExecutionHistory history = client.fetchHistory(MigrationNames.orgMigrationId("org-h"));
    HistoryHistogram histogram = new HistoryHistogram(history.getEvents());
    System.out.println("OrgMigration history of a batch child, 5 projects:\n" + histogram);

    assertThat(histogram.total()).isLessThanOrEqualTo(BATCH_CHILD_BUDGET);
    assertThat(histogram.countFrom("timer"))
        .as("a batch's run waits at a gate without a timer")
        .isZero();
    assertThat(histogram.countFrom("marker")).as("one version marker").isEqualTo(1);
    assertThat(histogram.countFrom("activity InventoryAccess"))
        .as("the access inventory rides with the org check")
        .isZero();
    assertThat(histogram.countFrom("activity InviteMembers"))
        .as("the invitations ride with the first grant chunk")
        .isZero();
    assertThat(histogram.countFrom("signal sent childProgress"))
        .as("a wave's child reports the gate's opening and leaving (two events each), no more")
        .isEqualTo(4);
    assertThat(histogram.countFrom("upsert"))
        .as("one per step shown, none at the start")
        .isEqualTo(6);
    if (Boolean.getBoolean("exportHistory")) {
      // for OrgMigrationReplayTest; see OrgMigrationHistoryExport
      Files.writeString(
          Path.of(
              OrgMigrationReplayTest.RESOURCE_DIR,
              System.getProperty("exportHistory.batchChildName", "org-migration-batch-child.json")),
          history.toJson(true));
    }
  }

  private static MigrationRequest request() {
    return new MigrationRequest(
        "org-h",
        "dest-org-h",
        new AzureResource("sub-1", "rg-1", "res-org-h"),
        false,
        "ops@example.com",
        false,
        null,
        null);
  }
}
