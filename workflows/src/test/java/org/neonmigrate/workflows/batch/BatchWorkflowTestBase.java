package org.neonmigrate.workflows.batch;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
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

/** A time-skipping Temporal with the batch and the fake OrgMigration on {@code neon-migrations}. */
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
        BatchMigrationWorkflowImpl.class, FakeOrgMigration.class);
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

  static BatchRequest batch(String batchId, List<MigrationRequest> migrations, int concurrency) {
    return new BatchRequest(
        batchId, migrations, concurrency, "ops@partner.example", null, null, null);
  }

  BatchMigrationWorkflow newBatchStub(String batchId) {
    return client.newWorkflowStub(
        BatchMigrationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(MigrationNames.batchId(batchId))
            .setTaskQueue(MigrationNames.TASK_QUEUE)
            .build());
  }

  BatchMigrationWorkflow startBatch(BatchRequest request) {
    BatchMigrationWorkflow batch = newBatchStub(request.batchId());
    WorkflowClient.start(batch::migrateAll, request);
    return batch;
  }

  BatchMigrationWorkflow existingBatch(String batchId) {
    return client.newWorkflowStub(BatchMigrationWorkflow.class, MigrationNames.batchId(batchId));
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
