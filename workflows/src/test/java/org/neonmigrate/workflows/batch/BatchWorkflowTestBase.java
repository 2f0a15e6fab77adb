package org.neonmigrate.workflows.batch;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.mockito.Mockito;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.activities.NotificationActivities;
import org.neonmigrate.workflows.migration.AzureResource;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * A time-skipping Temporal with the batch, its waves and the fake OrgMigration on {@code
 * neon-migrations}.
 */
abstract class BatchWorkflowTestBase {
  protected TestWorkflowEnvironment env;
  protected WorkflowClient client;

  @BeforeEach
  void startTemporal() {
    env = startedEnvironment(TestEnvironmentOptions.getDefaultInstance());
    client = env.getWorkflowClient();
  }

  /**
   * A test service with the search attributes registered and a worker running the batch and the
   * fake children; the fakes' behaviours are reset.
   */
  static TestWorkflowEnvironment startedEnvironment(TestEnvironmentOptions options) {
    FakeOrgMigration.reset();
    TestWorkflowEnvironment started = TestWorkflowEnvironment.newInstance(options);
    for (String name : List.of("MigrationStep", "SourceOrgId", "BatchId")) {
      started.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = started.newWorker(MigrationNames.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        BatchMigrationWorkflowImpl.class, BatchWaveWorkflowImpl.class, FakeOrgMigration.class);
    // the batch's digests; what they say is tested end to end in the sandbox
    worker.registerActivitiesImplementations(
        Mockito.mock(NotificationActivities.class, Mockito.withSettings().withoutAnnotations()));
    started.start();
    return started;
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  static MigrationRequest migration(String sourceOrgId) {
    return new MigrationRequest(
        sourceOrgId,
        "org-dest-" + sourceOrgId,
        new AzureResource("sub-1", "rg-neon", "neon-" + sourceOrgId),
        false,
        "someone-else",
        false,
        null,
        null);
  }

  static List<MigrationRequest> migrations(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> migration("org-" + i)).toList();
  }

  static final String REQUESTED_BY = "ops@partner.example";

  /** The batch's input for these migrations cut into waves of {@code waveSize}. */
  static BatchRequest batch(
      String batchId, List<MigrationRequest> migrations, int concurrency, int waveSize) {
    return new BatchRequest(
        batchId,
        REQUESTED_BY,
        concurrency,
        BatchLaunch.sizes(BatchLaunch.waves(migrations, waveSize)),
        null,
        null,
        null);
  }

  /** Starts the batch and its waves as the REST API does. */
  BatchMigrationWorkflow launch(
      String batchId, List<MigrationRequest> migrations, int concurrency, int waveSize) {
    BatchLaunch.startBatch(
        client, MigrationNames.TASK_QUEUE, batch(batchId, migrations, concurrency, waveSize), "");
    BatchLaunch.startWaves(
        client,
        MigrationNames.TASK_QUEUE,
        batchId,
        REQUESTED_BY,
        BatchLaunch.waves(migrations, waveSize));
    return existingBatch(batchId);
  }

  BatchMigrationWorkflow newBatchStub(String batchId) {
    return client.newWorkflowStub(
        BatchMigrationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(MigrationNames.batchId(batchId))
            .setTaskQueue(MigrationNames.TASK_QUEUE)
            .build());
  }

  BatchMigrationWorkflow existingBatch(String batchId) {
    return client.newWorkflowStub(BatchMigrationWorkflow.class, MigrationNames.batchId(batchId));
  }

  BatchReport result(String batchId) {
    return WorkflowStub.fromTyped(existingBatch(batchId)).getResult(BatchReport.class);
  }

  /** Every row of the batch, wave after wave, from the waves' report queries. */
  List<OrgOutcome> rows(String batchId) {
    List<OrgOutcome> rows = new ArrayList<>();
    for (String waveId : existingBatch(batchId).report().waveWorkflowIds()) {
      rows.addAll(client.newWorkflowStub(BatchWaveWorkflow.class, waveId).report().orgs());
    }
    return rows;
  }

  /** Lets workflow time pass a minute at a time until the batch's progress matches. */
  BatchProgress waitFor(String batchId, Predicate<BatchProgress> condition) {
    BatchMigrationWorkflow batch = existingBatch(batchId);
    for (int minute = 0; minute < 24 * 60; minute++) {
      BatchProgress progress = batch.progress();
      if (condition.test(progress)) {
        return progress;
      }
      env.sleep(Duration.ofMinutes(1));
    }
    throw new AssertionError(
        "condition not met within a day of workflow time: " + batch.progress());
  }
}
