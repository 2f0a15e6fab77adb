package org.neonmigrate.api.batch;

import io.micronaut.context.annotation.Requires;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.workflows.TaskQueues;
import org.neonmigrate.workflows.batch.BatchLaunch;
import org.neonmigrate.workflows.batch.BatchRequest;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a batch through {@link BatchLaunch}: {@code BatchMigration} with its waves' sizes, then
 * one {@code BatchWave} per {@value #WAVE_SIZE} migrations with their rows. A repeated start with
 * the same input starts the waves still missing, so a start cut short half-way is completed by a
 * retry; another input under the same batch id is refused.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class BatchStarter {

  private static final Logger LOG = LoggerFactory.getLogger(BatchStarter.class);

  static final int WAVE_SIZE = BatchRequest.DEFAULT_WAVE_SIZE;

  /** The batch and whether this call started it. */
  record Started(String batchId, WorkflowExecution execution, boolean created, int total) {}

  private final BatchRuns runs;
  private final String taskQueue;
  private final Clock clock;

  public BatchStarter(BatchRuns runs, TaskQueues taskQueues) {
    this.runs = runs;
    this.taskQueue = taskQueues.main();
    this.clock = Clock.systemUTC();
  }

  Started start(
      String requestedId, Integer concurrency, List<MigrationRequest> migrations, String by) {
    String batchId = requestedId != null ? requestedId : generatedId();
    List<List<MigrationRequest>> waves = BatchLaunch.waves(migrations, WAVE_SIZE);
    String digest = digest(concurrency, migrations);
    BatchRequest request =
        new BatchRequest(batchId, by, concurrency, BatchLaunch.sizes(waves), digest, null, null);
    WorkflowClient client = runs.client();
    WorkflowExecution execution;
    boolean created;
    // a repeated start keeps the first caller as requester: the waves must agree with the batch
    String requester = by;
    try {
      execution = BatchLaunch.startBatch(client, taskQueue, request, summary(request, migrations));
      created = true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      execution = e.getExecution();
      created = false;
      BatchRequest existing = runs.input(execution);
      requester = existing.requestedBy();
      if (!Objects.equals(existing.inputDigest(), digest)) {
        throw Problems.conflict(
            "batch-exists",
            "Another batch has this id",
            ("Batch '%s' already exists with other migrations or settings. Choose another"
                    + " batchId, or repeat the call with exactly its input.")
                .formatted(batchId));
      }
      if (runs.describe(batchId).getStatus()
          != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return new Started(batchId, execution, false, migrations.size());
      }
    }
    int started = BatchLaunch.startWaves(client, taskQueue, batchId, requester, waves);
    if (!created && started > 0) {
      LOG.info("batch {}: {} waves were missing and are started now", batchId, started);
    }
    return new Started(batchId, execution, created, migrations.size());
  }

  private static String summary(BatchRequest request, List<MigrationRequest> migrations) {
    long dryRuns = migrations.stream().filter(MigrationRequest::dryRun).count();
    return "Batch %s: %d Azure-managed Neon orgs%s in %d waves, %d at a time, requested by %s"
        .formatted(
            request.batchId(),
            migrations.size(),
            dryRuns == 0 ? "" : " (%d dry runs)".formatted(dryRuns),
            request.waveSizes().size(),
            request.concurrencyOrDefault(),
            request.requestedBy());
  }

  /** Everything that makes two starts the same batch; who asked is not part of it. */
  static String digest(Integer concurrency, List<MigrationRequest> migrations) {
    StringBuilder canonical =
        new StringBuilder("concurrency=")
            .append(concurrency == null ? BatchRequest.DEFAULT_CONCURRENCY : concurrency);
    for (MigrationRequest m : migrations) {
      canonical
          .append('\u001e')
          .append(String.join("\u001f", m.sourceOrgId(), m.destinationOrgId()))
          .append('\u001f')
          .append(m.azure())
          .append('\u001f')
          .append(m.dryRun())
          .append('\u001f')
          .append(m.replaceOrgApiKeys())
          .append('\u001f')
          .append(m.reminderIntervalMinutes());
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private String generatedId() {
    return LocalDate.now(clock).toString() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
