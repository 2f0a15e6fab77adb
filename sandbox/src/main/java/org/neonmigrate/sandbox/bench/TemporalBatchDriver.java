package org.neonmigrate.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.util.List;
import org.neonmigrate.sandbox.seed.MigrationExample;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.BatchLaunch;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflow;
import org.neonmigrate.workflows.batch.BatchProgress;
import org.neonmigrate.workflows.batch.BatchReport;
import org.neonmigrate.workflows.batch.BatchRequest;
import org.neonmigrate.workflows.batch.BulkDecision;
import org.neonmigrate.workflows.migration.AzureResource;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * Drives the batch with the Temporal client directly ({@link BatchLaunch}, signals and queries):
 * for an API without batch routes.
 */
final class TemporalBatchDriver implements BatchDriver {
  static final String OPERATOR = "bench-operator@example.com";
  static final String APPROVER = "bench-approver@example.com";

  private final WorkflowClient client;
  private final ObjectMapper json;
  private final String taskQueue;

  TemporalBatchDriver(WorkflowClient client, ObjectMapper json, String taskQueue) {
    this.client = client;
    this.json = json;
    this.taskQueue = taskQueue;
  }

  @Override
  public String start(String batchId, int concurrency, List<MigrationExample> orgs) {
    List<MigrationRequest> migrations =
        orgs.stream()
            .map(
                e ->
                    new MigrationRequest(
                        e.sourceOrgId(),
                        e.destinationOrgId(),
                        new AzureResource(
                            e.azure().subscriptionId(),
                            e.azure().resourceGroup(),
                            e.azure().resourceName()),
                        false,
                        OPERATOR,
                        false,
                        null,
                        null))
            .toList();
    List<List<MigrationRequest>> waves =
        BatchLaunch.waves(migrations, BatchRequest.DEFAULT_WAVE_SIZE);
    BatchLaunch.startBatch(
        client,
        taskQueue,
        new BatchRequest(
            batchId, OPERATOR, concurrency, BatchLaunch.sizes(waves), null, null, null),
        "Benchmark batch " + batchId);
    BatchLaunch.startWaves(client, taskQueue, batchId, OPERATOR, waves);
    return MigrationNames.batchId(batchId);
  }

  @Override
  public JsonNode progress(String batchId) {
    return json.valueToTree(
        stub(batchId).query(BatchMigrationWorkflow.QUERY_PROGRESS, BatchProgress.class));
  }

  @Override
  public int approve(String batchId, String gate) {
    stub(batchId)
        .signal(
            BatchMigrationWorkflow.SIGNAL_APPROVE_ALL,
            new BulkDecision(gate, APPROVER, true, "approved by the benchmark"));
    return -1;
  }

  @Override
  public JsonNode report(String batchId) {
    return json.valueToTree(stub(batchId).query(MigrationNames.QUERY_REPORT, BatchReport.class));
  }

  @Override
  public String name() {
    return "temporal";
  }

  private WorkflowStub stub(String batchId) {
    return client.newUntypedWorkflowStub(MigrationNames.batchId(batchId));
  }
}
