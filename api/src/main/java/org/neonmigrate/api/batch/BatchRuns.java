package org.neonmigrate.api.batch;

import io.grpc.Status;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.api.problem.TemporalFailures;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflow;
import org.neonmigrate.workflows.batch.BatchReport;
import org.neonmigrate.workflows.batch.BatchRequest;
import org.neonmigrate.workflows.batch.BatchWaveWorkflow;
import org.neonmigrate.workflows.batch.OrgOutcome;
import org.neonmigrate.workflows.batch.WaveReport;
import org.zalando.problem.ThrowableProblem;

/** Finds the {@code BatchMigration} run of a batch id and reads what it was given. */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class BatchRuns {

  private final WorkflowClient client;

  public BatchRuns(WorkflowClient client) {
    this.client = client;
  }

  WorkflowClient client() {
    return client;
  }

  /** The batch's latest run; 404 problem when there is none. */
  WorkflowExecutionDescription describe(String batchId) {
    try {
      return untyped(batchId).describe();
    } catch (WorkflowNotFoundException e) {
      throw notFound(batchId);
    } catch (WorkflowException e) {
      if (TemporalFailures.grpcCode(e) == Status.Code.NOT_FOUND) {
        throw notFound(batchId);
      }
      throw e;
    }
  }

  /** The latest run, which must be open; 409 problem otherwise. */
  WorkflowExecutionDescription requireOpen(String batchId, String verb) {
    WorkflowExecutionDescription run = describe(batchId);
    if (run.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw closed(batchId, verb, run.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
    }
    return run;
  }

  ThrowableProblem closed(String batchId, String verb) {
    return closed(batchId, verb, "closed");
  }

  private static ThrowableProblem closed(String batchId, String verb, String status) {
    return Problems.conflict(
        "batch-closed",
        "The batch is no longer running",
        "Batch '%s' is %s and can no longer be %s.".formatted(batchId, status, verb));
  }

  BatchMigrationWorkflow typed(String batchId) {
    return client.newWorkflowStub(BatchMigrationWorkflow.class, MigrationNames.batchId(batchId));
  }

  WorkflowStub untyped(String batchId) {
    return client.newUntypedWorkflowStub(MigrationNames.batchId(batchId));
  }

  WorkflowStub untyped(WorkflowExecution execution) {
    return client.newUntypedWorkflowStub(
        execution.getWorkflowId(), Optional.of(execution.getRunId()), Optional.empty());
  }

  /**
   * The input of the run (after continue-as-new: the carried one, which keeps {@code batchId},
   * {@code requestedBy}, {@code waveSizes} and {@code inputDigest}), from its first event.
   */
  BatchRequest input(WorkflowExecution execution) {
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
        .fromPayloads(0, Optional.of(input), BatchRequest.class, BatchRequest.class);
  }

  /** The report with every row of every wave that exists, in order. */
  BatchReportAnswer report(String batchId) {
    WorkflowExecutionDescription run = describe(batchId);
    BatchReport report =
        run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
            ? untyped(run.getExecution()).getResult(BatchReport.class)
            : typed(batchId).report();
    List<OrgOutcome> rows = new ArrayList<>();
    int missing = 0;
    for (String waveId : report.waveWorkflowIds()) {
      Optional<WaveReport> wave = waveReport(waveId);
      if (wave.isPresent()) {
        rows.addAll(wave.get().orgs());
      } else {
        missing++;
      }
    }
    return new BatchReportAnswer(
        report.batchId(),
        report.requestedBy(),
        report.total(),
        report.completed(),
        report.failed(),
        report.cancelled(),
        missing,
        rows);
  }

  /** A closed wave's result is read from its history; an open one is asked. Empty: no such wave. */
  private Optional<WaveReport> waveReport(String waveId) {
    WorkflowStub wave = client.newUntypedWorkflowStub(waveId);
    try {
      WorkflowExecutionDescription described = wave.describe();
      if (described.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        return Optional.of(wave.getResult(WaveReport.class));
      }
      return Optional.of(client.newWorkflowStub(BatchWaveWorkflow.class, waveId).report());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (WorkflowException e) {
      if (TemporalFailures.grpcCode(e) == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  static ThrowableProblem notFound(String batchId) {
    return Problems.of(
        HttpStatus.NOT_FOUND,
        "batch-not-found",
        "No such batch",
        "No batch has been started with id '%s'.".formatted(batchId));
  }
}
