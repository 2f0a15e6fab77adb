package org.neonmigrate.workflows.batch;

import io.temporal.failure.ApplicationFailure;

/**
 * Failures of the batch itself; each is a non-retryable {@link ApplicationFailure} of this type.
 */
public enum BatchFailure {
  /**
   * A batch's or wave's request is unusable: no migrations, a source org twice, a concurrency out
   * of range.
   */
  InvalidBatchRequest,
  /** A bulk decision names no known gate or no approver. */
  InvalidBulkDecision;

  public ApplicationFailure failure(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, name());
  }
}
