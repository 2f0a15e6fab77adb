package org.neonmigrate.api.batch;

import io.micronaut.context.annotation.Requires;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflow;
import org.neonmigrate.workflows.batch.BatchPage;
import org.neonmigrate.workflows.batch.BatchPageAck;
import org.neonmigrate.workflows.batch.BatchRequest;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@code BatchMigration} with the first page and {@code expectedTotal}, then sends the other
 * pages by {@code addMigrations}. A repeated start with the same input sends the pages again (the
 * update is idempotent by page number), so a start cut short half-way is completed by a retry.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class BatchStarter {

  private static final Logger LOG = LoggerFactory.getLogger(BatchStarter.class);

  /** Well within a payload: ~370 KB of the 2 MB limit per page. */
  static final int PAGE_SIZE = BatchRequest.MAX_PAGE_SIZE;

  private static final int PAGE_ATTEMPTS = 3;
  private static final long PAGE_RETRY_PAUSE_MILLIS = 200;

  /** The batch and whether this call started it. */
  record Started(String batchId, WorkflowExecution execution, boolean created, int total) {}

  private final BatchRuns runs;
  private final Clock clock;

  public BatchStarter(BatchRuns runs) {
    this.runs = runs;
    this.clock = Clock.systemUTC();
  }

  Started start(
      String requestedId, Integer concurrency, List<MigrationRequest> migrations, String by) {
    String batchId = requestedId != null ? requestedId : generatedId();
    List<List<MigrationRequest>> pages = pages(migrations);
    String digest = digest(concurrency, migrations);
    BatchRequest first =
        new BatchRequest(
            batchId, pages.get(0), migrations.size(), concurrency, by, null, null, digest, null);
    WorkflowClient client = runs.client();
    BatchMigrationWorkflow workflow =
        client.newWorkflowStub(BatchMigrationWorkflow.class, options(first, migrations));
    WorkflowExecution execution;
    boolean created;
    try {
      execution = WorkflowClient.start(workflow::migrateAll, first);
      created = true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      execution = e.getExecution();
      created = false;
      BatchRequest existing = runs.input(execution);
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
    for (int i = 1; i < pages.size(); i++) {
      addPage(batchId, new BatchPage(i + 1, pages.get(i)));
    }
    return new Started(batchId, execution, created, migrations.size());
  }

  /**
   * Sends one page. An update that lands just as the batch continues as new can find the run
   * closed; it is sent again (pages are idempotent by number), and a third failure is reported
   * (503).
   */
  private void addPage(String batchId, BatchPage page) {
    for (int attempt = 1; ; attempt++) {
      try {
        sendPage(batchId, page);
        return;
      } catch (WorkflowServiceException e) {
        if (attempt == PAGE_ATTEMPTS) {
          throw e;
        }
        LOG.info(
            "page {} of batch {} not taken ({}); sending it again",
            page.pageNumber(),
            batchId,
            e.getCause() == null ? e.toString() : e.getCause().toString());
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(PAGE_RETRY_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending a batch page", e);
    }
  }

  private void sendPage(String batchId, BatchPage page) {
    try {
      runs.untyped(batchId)
          .update(BatchMigrationWorkflow.UPDATE_ADD_MIGRATIONS, BatchPageAck.class, page);
    } catch (WorkflowUpdateException e) {
      String why =
          e.getCause() instanceof ApplicationFailure failure
              ? failure.getOriginalMessage()
              : String.valueOf(e.getCause());
      throw Problems.conflict(
          "batch-page-refused",
          "The batch refused a page",
          "Batch '%s' refused page %d: %s".formatted(batchId, page.pageNumber(), why));
    }
  }

  private static WorkflowOptions options(BatchRequest first, List<MigrationRequest> migrations) {
    long dryRuns = migrations.stream().filter(MigrationRequest::dryRun).count();
    return WorkflowOptions.newBuilder()
        .setWorkflowId(MigrationNames.batchId(first.batchId()))
        .setTaskQueue(MigrationNames.TASK_QUEUE)
        // a batch id names one batch for good: a second, different batch must pick another
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder().set(MigrationNames.BATCH_ID, first.batchId()).build())
        .setStaticSummary(
            "Batch %s: %d Azure-managed Neon orgs%s, %d at a time, requested by %s"
                .formatted(
                    first.batchId(),
                    migrations.size(),
                    dryRuns == 0 ? "" : " (%d dry runs)".formatted(dryRuns),
                    first.concurrencyOrDefault(),
                    first.requestedBy()))
        .build();
  }

  static List<List<MigrationRequest>> pages(List<MigrationRequest> migrations) {
    List<List<MigrationRequest>> pages = new ArrayList<>();
    for (int from = 0; from < migrations.size(); from += PAGE_SIZE) {
      pages.add(migrations.subList(from, Math.min(migrations.size(), from + PAGE_SIZE)));
    }
    return pages;
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
