package org.neonmigrate.api.migration;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionMetadata;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.ApiSettings;
import org.neonmigrate.api.problem.TemporalFailures;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists {@code OrgMigration} runs through Temporal visibility. Where the service has no advanced
 * visibility (the embedded test server answers UNIMPLEMENTED), it falls back to the older
 * open/closed listings filtered here by workflow type and step.
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class MigrationListing {

  private static final Logger LOG = LoggerFactory.getLogger(MigrationListing.class);
  private static final String STATUS_PREFIX = "WORKFLOW_EXECUTION_STATUS_";

  private final MigrationRuns runs;
  private final int limit;

  public MigrationListing(MigrationRuns runs, ApiSettings settings) {
    this.runs = runs;
    this.limit = settings.listLimit();
  }

  public List<MigrationSummary> list(@Nullable Step step) {
    try {
      return viaVisibility(step);
    } catch (WorkflowException | StatusRuntimeException e) {
      if (TemporalFailures.grpcCode(e) != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      LOG.debug("No advanced visibility on this Temporal service; using open/closed listings");
      return viaOpenAndClosedListings(step);
    }
  }

  private List<MigrationSummary> viaVisibility(@Nullable Step step) {
    // the step comes from the Step enum, so nothing user-typed reaches the query
    String query = "WorkflowType='%s'".formatted(MigrationNames.ORG_MIGRATION_TYPE);
    if (step != null) {
      query += " AND %s='%s'".formatted(MigrationNames.MIGRATION_STEP.getName(), step.name());
    }
    return runs.client().listExecutions(query).limit(limit).map(this::summary).toList();
  }

  private List<MigrationSummary> viaOpenAndClosedListings(@Nullable Step step) {
    WorkflowClient client = runs.client();
    WorkflowServiceBlockingStub service = client.getWorkflowServiceStubs().blockingStub();
    String namespace = client.getOptions().getNamespace();
    WorkflowTypeFilter type =
        WorkflowTypeFilter.newBuilder().setName(MigrationNames.ORG_MIGRATION_TYPE).build();
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse open =
          service.listOpenWorkflowExecutions(
              ListOpenWorkflowExecutionsRequest.newBuilder()
                  .setNamespace(namespace)
                  .setTypeFilter(type)
                  .setMaximumPageSize(limit)
                  .setNextPageToken(page)
                  .build());
      infos.addAll(open.getExecutionsList());
      page = open.getNextPageToken();
    } while (!page.isEmpty() && infos.size() < limit);
    page = ByteString.EMPTY;
    do {
      ListClosedWorkflowExecutionsResponse closed =
          service.listClosedWorkflowExecutions(
              ListClosedWorkflowExecutionsRequest.newBuilder()
                  .setNamespace(namespace)
                  .setTypeFilter(type)
                  .setMaximumPageSize(limit)
                  .setNextPageToken(page)
                  .build());
      infos.addAll(closed.getExecutionsList());
      page = closed.getNextPageToken();
    } while (!page.isEmpty() && infos.size() < 2 * limit);
    return infos.stream()
        // the test server ignores the type filter
        .filter(i -> MigrationNames.ORG_MIGRATION_TYPE.equals(i.getType().getName()))
        .map(i -> new WorkflowExecutionMetadata(i, client.getOptions().getDataConverter()))
        .map(this::summary)
        .filter(s -> step == null || step.name().equals(s.step()))
        .sorted(
            Comparator.comparing(
                MigrationSummary::startTime, Comparator.nullsLast(Comparator.reverseOrder())))
        .limit(limit)
        .toList();
  }

  private MigrationSummary summary(WorkflowExecutionMetadata listed) {
    WorkflowExecutionMetadata run = listed;
    String step = run.getTypedSearchAttributes().get(MigrationNames.MIGRATION_STEP);
    if (step == null) {
      // older listings (and the test server's closed list) leave out search attributes
      run = runs.untyped(listed.getExecution()).describe();
      step = run.getTypedSearchAttributes().get(MigrationNames.MIGRATION_STEP);
    }
    String workflowId = run.getExecution().getWorkflowId();
    String sourceOrgId =
        workflowId.startsWith(MigrationNames.ORG_MIGRATION_ID_PREFIX)
            ? workflowId.substring(MigrationNames.ORG_MIGRATION_ID_PREFIX.length())
            : workflowId;
    if (step == null
        && run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      step = stepFromQuery(sourceOrgId);
    }
    return new MigrationSummary(
        sourceOrgId,
        workflowId,
        run.getExecution().getRunId(),
        run.getStatus().name().replace(STATUS_PREFIX, ""),
        step,
        text(run.getStartTime()),
        text(run.getCloseTime()));
  }

  private @Nullable String stepFromQuery(String sourceOrgId) {
    try {
      return Objects.toString(runs.typed(sourceOrgId).status().step(), null);
    } catch (WorkflowException e) {
      LOG.debug("No status for {}: {}", sourceOrgId, e.toString());
      return null;
    }
  }

  private static @Nullable String text(@Nullable Instant instant) {
    return instant == null || instant.getEpochSecond() == 0 ? null : instant.toString();
  }
}
