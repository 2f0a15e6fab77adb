package org.neonmigrate.workflows.batch;

import io.temporal.api.enums.v1.SignalExternalWorkflowExecutionFailedCause;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ExternalWorkflowStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;

/**
 * Signals and cancellation requests to other workflows, sent without a workflow thread each (the
 * SDK runs an external stub's method reference asynchronously), and how to tell that a signal found
 * no open run to deliver it to.
 */
public final class ExternalSignals {
  private static final String NOT_FOUND =
      SignalExternalWorkflowExecutionFailedCause
          .SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND
          .name();

  private ExternalSignals() {}

  /** Sends {@code signal} with {@code payload} to the workflow's current run. */
  public static Promise<Void> signal(String workflowId, String signal, Object payload) {
    ExternalWorkflowStub stub = Workflow.newUntypedExternalWorkflowStub(workflowId);
    return Async.procedure(stub::signal, signal, new Object[] {payload});
  }

  /** Asks for the cancellation of the workflow's current run. */
  public static Promise<Void> cancel(String workflowId) {
    ExternalWorkflowStub stub = Workflow.newUntypedExternalWorkflowStub(workflowId);
    return Async.procedure(stub::cancel);
  }

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
