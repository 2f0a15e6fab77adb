package org.neonmigrate.api.fleet;

import io.grpc.Status;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Optional;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.api.problem.TemporalFailures;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.TaskQueues;
import org.neonmigrate.workflows.fleet.FleetPlan;
import org.neonmigrate.workflows.fleet.FleetPlanPages;
import org.neonmigrate.workflows.fleet.FleetPlanRequest;
import org.neonmigrate.workflows.fleet.FleetPlanSummary;
import org.neonmigrate.workflows.fleet.FleetPlanWorkflow;

/** Starts {@code FleetPlan} runs and reads them back: progress, result or failure. */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class FleetPlanRuns {

  /** The run, and whether this call started it. */
  public record Started(WorkflowExecution execution, boolean created) {}

  private final WorkflowClient client;
  private final String taskQueue;

  public FleetPlanRuns(WorkflowClient client, TaskQueues taskQueues) {
    this.client = client;
    this.taskQueue = taskQueues.main();
  }

  public Started start(FleetPlanRequest request) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(MigrationNames.fleetPlanId(request.planId()))
            .setTaskQueue(taskQueue)
            // a plan id names one survey for good: its result stays what GET answers
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setStaticSummary(
                "Plan the Azure-managed Neon orgs of %d subscription(s), destinations by rule %s;"
                        .formatted(request.subscriptionIds().size(), request.destination().rule())
                    + " reads only, changes nothing")
            .build();
    FleetPlanWorkflow workflow = client.newWorkflowStub(FleetPlanWorkflow.class, options);
    try {
      return new Started(WorkflowClient.start(workflow::plan, request), true);
    } catch (WorkflowExecutionAlreadyStarted e) {
      FleetPlanRequest earlier = input(e.getExecution());
      if (!sameParameters(earlier, request)) {
        throw Problems.conflict(
            "fleet-plan-exists",
            "A plan with this id exists",
            ("Plan '%s' was started with other parameters (subscriptionIds, destination or"
                    + " dryRun). Read it at %s, or choose another planId.")
                .formatted(request.planId(), FleetPlanAccepted.statusUrl(request.planId())));
      }
      return new Started(e.getExecution(), false);
    }
  }

  /** Equal in everything but who asked. */
  static boolean sameParameters(FleetPlanRequest a, FleetPlanRequest b) {
    return Objects.equals(a.subscriptionIds(), b.subscriptionIds())
        && Objects.equals(a.destination(), b.destination())
        && a.rowsDryRun() == b.rowsDryRun();
  }

  public WorkflowExecutionDescription describe(String planId) {
    try {
      return untyped(planId, null).describe();
    } catch (WorkflowNotFoundException e) {
      throw notFound(planId);
    } catch (WorkflowException e) {
      if (TemporalFailures.grpcCode(e) == Status.Code.NOT_FOUND) {
        throw notFound(planId);
      }
      throw e;
    }
  }

  /** What GET answers for the run the description is of. */
  public FleetPlanAnswer answer(String planId, WorkflowExecutionDescription run) {
    String workflowId = run.getExecution().getWorkflowId();
    WorkflowExecutionStatus status = run.getStatus();
    FleetPlanWorkflow typed =
        client.newWorkflowStub(
            FleetPlanWorkflow.class, workflowId, Optional.of(run.getExecution().getRunId()));
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return new FleetPlanAnswer(planId, workflowId, "RUNNING", typed.progress(), null, null);
    }
    WorkflowStub stub = untyped(planId, run.getExecution().getRunId());
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      // the result counts; the rows and strays come a page at a time from the run's query
      FleetPlanSummary summary = stub.getResult(FleetPlanSummary.class);
      FleetPlan plan = FleetPlanPages.read(summary, FleetPlanPages.MAX_PAGE, typed::page);
      return new FleetPlanAnswer(planId, workflowId, "COMPLETED", null, null, plan);
    }
    return new FleetPlanAnswer(planId, workflowId, "FAILED", null, failure(stub, status), null);
  }

  private static FleetPlanAnswer.Error failure(WorkflowStub stub, WorkflowExecutionStatus status) {
    try {
      stub.getResult(FleetPlanSummary.class);
    } catch (WorkflowException closed) {
      for (Throwable cause = closed.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof ApplicationFailure failure) {
          return new FleetPlanAnswer.Error(failure.getType(), failure.getOriginalMessage());
        }
        if (cause.getCause() == null && cause instanceof TemporalFailure temporal) {
          return new FleetPlanAnswer.Error(
              temporal.getClass().getSimpleName(), temporal.getOriginalMessage());
        }
      }
    }
    return new FleetPlanAnswer.Error(status.name(), "the plan ended without a result");
  }

  private WorkflowStub untyped(String planId, String runId) {
    return client.newUntypedWorkflowStub(
        MigrationNames.fleetPlanId(planId), Optional.ofNullable(runId), Optional.empty());
  }

  /** The request the run was started with: its first history event, one page of one event. */
  private FleetPlanRequest input(WorkflowExecution execution) {
    GetWorkflowExecutionHistoryRequest request =
        GetWorkflowExecutionHistoryRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(execution)
            .setMaximumPageSize(1)
            .build();
    Payloads input =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(request)
            .getHistory()
            .getEvents(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    return client
        .getOptions()
        .getDataConverter()
        .fromPayloads(0, Optional.of(input), FleetPlanRequest.class, FleetPlanRequest.class);
  }

  static RuntimeException notFound(String planId) {
    return Problems.of(
        HttpStatus.NOT_FOUND,
        "fleet-plan-not-found",
        "No such fleet plan",
        "No fleet plan '%s' has been started.".formatted(planId));
  }
}
