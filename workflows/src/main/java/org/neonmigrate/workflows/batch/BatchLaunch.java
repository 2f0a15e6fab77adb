package org.neonmigrate.workflows.batch;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.ArrayList;
import java.util.List;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * Starts a batch the way {@link BatchMigrationWorkflowImpl} expects: the batch with its waves'
 * sizes, then each wave with its rows. For the REST API, the benchmark and any Temporal client.
 * Starting again with the same input starts only what is missing, so a start cut short half-way is
 * completed by a retry.
 */
public final class BatchLaunch {

  private BatchLaunch() {}

  /** The migrations cut into waves of at most {@code waveSize}, in their order. */
  public static List<List<MigrationRequest>> waves(
      List<MigrationRequest> migrations, int waveSize) {
    if (waveSize < 1 || waveSize > BatchRequest.MAX_WAVE_SIZE) {
      throw new IllegalArgumentException(
          "wave size must be 1.." + BatchRequest.MAX_WAVE_SIZE + ", was " + waveSize);
    }
    List<List<MigrationRequest>> waves = new ArrayList<>();
    for (int from = 0; from < migrations.size(); from += waveSize) {
      waves.add(
          List.copyOf(migrations.subList(from, Math.min(migrations.size(), from + waveSize))));
    }
    return waves;
  }

  public static List<Integer> sizes(List<List<MigrationRequest>> waves) {
    return waves.stream().map(List::size).toList();
  }

  /**
   * Starts the batch; throws {@link WorkflowExecutionAlreadyStarted} when a batch with this id
   * exists (open or closed), for the caller to decide whether it is the same one.
   */
  public static WorkflowExecution startBatch(
      WorkflowClient client, String taskQueue, BatchRequest request, String summary) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(MigrationNames.batchId(request.batchId()))
            .setTaskQueue(taskQueue)
            // a batch id names one batch for good: a second, different batch must pick another
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(MigrationNames.BATCH_ID, request.batchId())
                    .build())
            .setStaticSummary(summary)
            .build();
    BatchMigrationWorkflow batch = client.newWorkflowStub(BatchMigrationWorkflow.class, options);
    return WorkflowClient.start(batch::migrateAll, request);
  }

  /** Starts every wave that does not exist yet; answers how many it started. */
  public static int startWaves(
      WorkflowClient client,
      String taskQueue,
      String batchId,
      String requestedBy,
      List<List<MigrationRequest>> waves) {
    int started = 0;
    for (int i = 0; i < waves.size(); i++) {
      int wave = i + 1;
      WorkflowOptions options =
          WorkflowOptions.newBuilder()
              .setWorkflowId(MigrationNames.batchWaveId(batchId, wave))
              .setTaskQueue(taskQueue)
              .setWorkflowIdConflictPolicy(
                  WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
              .setWorkflowIdReusePolicy(
                  WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
              .setTypedSearchAttributes(
                  SearchAttributes.newBuilder().set(MigrationNames.BATCH_ID, batchId).build())
              .setStaticSummary(
                  "Batch %s, wave %d of %d: %d orgs"
                      .formatted(batchId, wave, waves.size(), waves.get(i).size()))
              .build();
      BatchWaveWorkflow stub = client.newWorkflowStub(BatchWaveWorkflow.class, options);
      try {
        WorkflowClient.start(stub::run, new WaveRequest(batchId, wave, requestedBy, waves.get(i)));
        started++;
      } catch (WorkflowExecutionAlreadyStarted existing) {
        // started by an earlier call: the same rows, since the batch's input digest matched
      }
    }
    return started;
  }
}
