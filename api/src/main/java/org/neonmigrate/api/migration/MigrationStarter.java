package org.neonmigrate.api.migration;

import io.micronaut.context.annotation.Requires;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import java.util.Objects;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.TaskQueues;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.MigrationTexts;
import org.neonmigrate.workflows.migration.OrgMigrationWorkflow;
import org.neonmigrate.workflows.migration.Step;

/** Starts {@code OrgMigration}, or finds the run already going for the same source org. */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class MigrationStarter {

  /** The run, and whether this call started it. */
  public record Started(WorkflowExecution execution, boolean created) {}

  private final MigrationRuns runs;
  private final TaskQueues taskQueues;

  public MigrationStarter(MigrationRuns runs, TaskQueues taskQueues) {
    this.runs = runs;
    this.taskQueues = taskQueues;
  }

  public Started start(MigrationRequest request) {
    WorkflowClient client = runs.client();
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(MigrationNames.SOURCE_ORG_ID, request.sourceOrgId())
            .set(MigrationNames.MIGRATION_STEP, Step.DISCOVER.name());
    if (request.batchId() != null) {
      attributes.set(MigrationNames.BATCH_ID, request.batchId());
    }
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(MigrationNames.orgMigrationId(request.sourceOrgId()))
            .setTaskQueue(taskQueues.main())
            // one live run per source org; a finished one (e.g. a dry run) may be followed by
            // another
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setTypedSearchAttributes(attributes.build())
            .setStaticSummary(summary(request))
            .setStaticDetails(MigrationTexts.staticDetails(request))
            .build();
    OrgMigrationWorkflow workflow = client.newWorkflowStub(OrgMigrationWorkflow.class, options);
    try {
      return new Started(WorkflowClient.start(workflow::migrate, request), true);
    } catch (WorkflowExecutionAlreadyStarted e) {
      WorkflowExecution existing = e.getExecution();
      MigrationRequest running = runs.input(existing);
      if (!sameParameters(running, request)) {
        throw Problems.conflict(
            "migration-already-running",
            "Another migration of this org is running",
            ("A migration of '%s' is already running (run %s) with different parameters: %s."
                    + " Cancel it first, or repeat the call with its parameters.")
                .formatted(
                    request.sourceOrgId(), existing.getRunId(), differences(running, request)));
      }
      return new Started(existing, false);
    }
  }

  /** Equal in everything but who asked: a retry by a colleague is the same migration. */
  static boolean sameParameters(MigrationRequest a, MigrationRequest b) {
    return differences(a, b).isEmpty();
  }

  static String differences(MigrationRequest running, MigrationRequest asked) {
    StringBuilder out = new StringBuilder();
    differ(out, "destinationOrgId", running.destinationOrgId(), asked.destinationOrgId());
    differ(out, "azure", running.azure(), asked.azure());
    differ(out, "dryRun", running.dryRun(), asked.dryRun());
    differ(out, "replaceOrgApiKeys", running.replaceOrgApiKeys(), asked.replaceOrgApiKeys());
    differ(
        out,
        "reminderIntervalMinutes",
        running.reminderMinutesOrDefault(),
        asked.reminderMinutesOrDefault());
    return out.toString();
  }

  private static void differ(StringBuilder out, String field, Object running, Object asked) {
    if (!Objects.equals(running, asked)) {
      out.append(out.isEmpty() ? "" : ", ")
          .append(field)
          .append(" is ")
          .append(running)
          .append(" there, ")
          .append(asked)
          .append(" here");
    }
  }

  private static String summary(MigrationRequest request) {
    return "%sMove Azure-managed Neon org %s into %s, then delete its Azure resource"
        .formatted(
            request.dryRun() ? "[dry run] " : "",
            request.sourceOrgId(),
            request.destinationOrgId());
  }
}
