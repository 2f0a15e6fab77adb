package org.neonmigrate.api.problem;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.http.HttpStatus;
import io.temporal.client.WorkflowNotFoundException;
import org.neonmigrate.workflows.MigrationNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zalando.problem.ThrowableProblem;

/**
 * What a failed Temporal call means to an API caller: 404 for a run that does not exist, 503 while
 * Temporal cannot be reached, 502 for anything else it answered.
 */
public final class TemporalFailures {

  private static final Logger LOG = LoggerFactory.getLogger(TemporalFailures.class);

  private TemporalFailures() {}

  public static ThrowableProblem problemFor(Throwable failure) {
    if (failure instanceof WorkflowNotFoundException notFound) {
      String workflowId = notFound.getExecution().getWorkflowId();
      return Problems.migrationNotFound(
          workflowId.startsWith(MigrationNames.ORG_MIGRATION_ID_PREFIX)
              ? workflowId.substring(MigrationNames.ORG_MIGRATION_ID_PREFIX.length())
              : workflowId);
    }
    Status.Code code = grpcCode(failure);
    if (code == Status.Code.NOT_FOUND) {
      return Problems.of(
          HttpStatus.NOT_FOUND, "migration-not-found", "No such migration", "Temporal: not found.");
    }
    if (code == Status.Code.UNAVAILABLE
        || code == Status.Code.DEADLINE_EXCEEDED
        || code == Status.Code.RESOURCE_EXHAUSTED
        || code == Status.Code.CANCELLED) {
      LOG.warn("Temporal call failed with {}: {}", code, failure.toString());
      return Problems.temporalUnavailable(
          "Temporal could not be reached or did not answer in time (%s); retry later."
              .formatted(code));
    }
    LOG.error("Temporal call failed", failure);
    return Problems.of(
        HttpStatus.BAD_GATEWAY,
        "temporal-error",
        "Temporal error",
        "Temporal refused the call%s; the API's log has the details."
            .formatted(code == null ? "" : " (" + code + ")"));
  }

  /** The gRPC status code somewhere in the cause chain, or null. */
  public static Status.Code grpcCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException sre) {
        return sre.getStatus().getCode();
      }
    }
    return null;
  }
}
