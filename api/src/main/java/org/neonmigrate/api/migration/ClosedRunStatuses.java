package org.neonmigrate.api.migration;

import io.micronaut.context.annotation.Requires;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.workflows.migration.MigrationStatus;

/**
 * The status of closed {@code OrgMigration} runs, by run id. A closed run cannot change, but the
 * worker answers a query on it only by replaying its whole history (closed runs leave its cache),
 * so each one is asked once here and its answer served again from memory, the most recently read
 * {@value #MAX_RUNS} kept.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class ClosedRunStatuses {
  static final int MAX_RUNS = 10_000;

  private final Map<String, MigrationStatus> byRunId =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MigrationStatus> eldest) {
          return size() > MAX_RUNS;
        }
      };

  /** The run's status: asked by {@code query} unless the run is closed and was asked before. */
  public MigrationStatus status(WorkflowExecutionDescription run, Supplier<MigrationStatus> query) {
    if (run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return query.get();
    }
    String runId = run.getExecution().getRunId();
    synchronized (byRunId) {
      MigrationStatus known = byRunId.get(runId);
      if (known != null) {
        return known;
      }
    }
    MigrationStatus answer = query.get();
    synchronized (byRunId) {
      byRunId.put(runId, answer);
    }
    return answer;
  }
}
