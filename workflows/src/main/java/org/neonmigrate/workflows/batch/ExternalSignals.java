package org.neonmigrate.workflows.batch;

import io.temporal.api.enums.v1.SignalExternalWorkflowExecutionFailedCause;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.SignalExternalWorkflowException;

/** How a workflow tells that a signal it sent found no open run to deliver it to. */
public final class ExternalSignals {
  private static final String NOT_FOUND =
      SignalExternalWorkflowExecutionFailedCause
          .SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND
          .name();

  private ExternalSignals() {}

  /**
   * True when {@code failure}, thrown by an external stub's {@code signal}, means the target has no
   * open run (it closed, or never existed). The SDK reports that as an {@link ApplicationFailure}
   * whose type is the server's cause.
   */
  public static boolean targetClosed(Throwable failure) {
    return failure instanceof SignalExternalWorkflowException
        || (failure instanceof ApplicationFailure app && NOT_FOUND.equals(app.getType()));
  }
}
