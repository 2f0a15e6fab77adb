package org.neonmigrate.workflows.migration;

import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import io.temporal.workflow.Workflow;
import java.util.Map;
import org.neonmigrate.workflows.MetricNames;

/**
 * The run's domain metrics, through the workflow's metrics scope: the SDK drops what a replay would
 * report again, so each event counts once however often the history is replayed. The scope already
 * carries namespace, task queue and workflow type.
 */
final class MigrationMetrics {
  private MigrationMetrics() {}

  static void started(boolean dryRun) {
    scope(Map.of(MetricNames.TAG_DRY_RUN, Boolean.toString(dryRun)))
        .counter(MetricNames.MIGRATIONS_STARTED)
        .inc(1);
  }

  /**
   * @param outcome completed, failed or cancelled
   * @param step the step the run ended at (for a failure or cancel: the one it stopped in)
   * @param failureType the failure's type word, "none" when it did not fail
   */
  static void finished(String outcome, Step step, String failureType) {
    scope(
            Map.of(
                MetricNames.TAG_OUTCOME, outcome,
                MetricNames.TAG_STEP, step.name(),
                MetricNames.TAG_FAILURE_TYPE, failureType))
        .counter(MetricNames.MIGRATIONS_FINISHED)
        .inc(1);
  }

  static void gateOpened(Gate gate) {
    scope(Map.of(MetricNames.TAG_GATE, gate.wireName())).counter(MetricNames.GATES_OPENED).inc(1);
  }

  /** How long a gate waited for its decision; outcome approved or rejected. */
  static void gateClosed(Gate gate, boolean approved, long waitedMillis) {
    scope(
            Map.of(
                MetricNames.TAG_GATE,
                gate.wireName(),
                MetricNames.TAG_OUTCOME,
                approved ? "approved" : "rejected"))
        .timer(MetricNames.GATE_WAIT)
        .record(Duration.ofMillis(waitedMillis));
  }

  static void projectsMoved(int transferred, int blocked) {
    Scope scope = Workflow.getMetricsScope();
    if (transferred > 0) {
      scope.counter(MetricNames.PROJECTS_TRANSFERRED).inc(transferred);
    }
    if (blocked > 0) {
      scope.counter(MetricNames.PROJECTS_BLOCKED).inc(blocked);
    }
  }

  private static Scope scope(Map<String, String> tags) {
    return Workflow.getMetricsScope().tagged(tags);
  }
}
