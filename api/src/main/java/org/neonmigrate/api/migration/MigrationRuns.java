package org.neonmigrate.api.migration;

import io.grpc.Status;
import io.micronaut.context.annotation.Requires;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.api.problem.TemporalFailures;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.OrgMigrationWorkflow;

/** Finds the {@code OrgMigration} run of a source org and reads what it was started with. */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class MigrationRuns {

  private final WorkflowClient client;

  public MigrationRuns(WorkflowClient client) {
    this.client = client;
  }

  public WorkflowClient client() {
    return client;
  }

  /** The latest run for the org; 404 problem when there is none. */
  public WorkflowExecutionDescription describe(String sourceOrgId) {
    try {
      return untyped(sourceOrgId).describe();
    } catch (WorkflowNotFoundException e) {
      throw Problems.migrationNotFound(sourceOrgId);
    } catch (WorkflowException e) {
      if (TemporalFailures.grpcCode(e) == Status.Code.NOT_FOUND) {
        throw Problems.migrationNotFound(sourceOrgId);
      }
      throw e;
    }
  }

  public OrgMigrationWorkflow typed(String sourceOrgId) {
    return client.newWorkflowStub(
        OrgMigrationWorkflow.class, MigrationNames.orgMigrationId(sourceOrgId));
  }

  public OrgMigrationWorkflow typed(WorkflowExecution execution) {
    return client.newWorkflowStub(
        OrgMigrationWorkflow.class, execution.getWorkflowId(), Optional.of(execution.getRunId()));
  }

  public WorkflowStub untyped(String sourceOrgId) {
    return client.newUntypedWorkflowStub(MigrationNames.orgMigrationId(sourceOrgId));
  }

  public WorkflowStub untyped(WorkflowExecution execution) {
    return client.newUntypedWorkflowStub(
        execution.getWorkflowId(), Optional.of(execution.getRunId()), Optional.empty());
  }

  /**
   * The input the run was started with, read from its first history event (one page of one event,
   * however long the history is).
   */
  public MigrationRequest input(WorkflowExecution execution) {
    GetWorkflowExecutionHistoryRequest request =
        GetWorkflowExecutionHistoryRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(execution)
            .setMaximumPageSize(1)
            .build();
    HistoryEvent first =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(request)
            .getHistory()
            .getEvents(0);
    Payloads input = first.getWorkflowExecutionStartedEventAttributes().getInput();
    return client
        .getOptions()
        .getDataConverter()
        .fromPayloads(0, Optional.of(input), MigrationRequest.class, MigrationRequest.class);
  }
}
