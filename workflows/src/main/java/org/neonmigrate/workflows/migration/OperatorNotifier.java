package org.neonmigrate.workflows.migration;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neonmigrate.workflows.MetricNames;
import org.neonmigrate.workflows.activities.ActivityCatalogue;
import org.neonmigrate.workflows.activities.NotificationActivities;
import org.neonmigrate.workflows.activities.NotificationDelivery;
import org.neonmigrate.workflows.activities.OperatorNotification;
import org.slf4j.Logger;

/**
 * Sends operator notifications without ever holding up the run: each is an activity started with
 * {@link Async} whose failure is logged and dropped. Only at the very end does the run wait, at
 * most {@link NotificationDelivery#FINAL_GRACE}, so that its last word is delivered before it
 * closes (Temporal drops an activity whose workflow has closed). Runs of a batch send nothing; the
 * batch sends digests.
 */
final class OperatorNotifier {
  private static final Logger log = Workflow.getLogger(OperatorNotifier.class);

  /** Runs started before notifications existed replay without them. */
  static final String CHANGE_ID = "operator-notifications";

  private final MigrationRequest request;
  private final List<Promise<Void>> pending = new ArrayList<>();
  private Integer version;

  OperatorNotifier(MigrationRequest request) {
    this.request = request;
  }

  /**
   * For runs newer than notifications that say so by their own version marker ({@link
   * CompactHistory}): no second marker is recorded for them.
   */
  void knownEnabled() {
    version = 1;
  }

  /** False while replaying a run from before notifications; it keeps its old reminders. */
  boolean enabled() {
    if (version == null) {
      version = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1);
    }
    return version >= 1;
  }

  boolean inBatch() {
    return request != null && request.batchId() != null && !request.batchId().isBlank();
  }

  void gateOpened(Gate gate, String reason, Step step) {
    send(base(OperatorNotification.KIND_GATE_OPENED, step, gate, reason, null, null, null, null));
  }

  void reminder(Gate gate, String reason, Step step, long waitingMinutes) {
    send(
        base(
            OperatorNotification.KIND_REMINDER,
            step,
            gate,
            reason,
            waitingMinutes,
            null,
            null,
            null));
  }

  void decisionRecorded(Gate gate, Step step, String approver, boolean approved, String comment) {
    send(
        base(
            OperatorNotification.KIND_APPROVAL_RECORDED,
            step,
            gate,
            comment,
            null,
            approver,
            approved,
            null));
  }

  void interlockRefusal(String failureType, String message) {
    send(
        base(
            OperatorNotification.KIND_INTERLOCK_REFUSAL,
            Step.DELETE_AZURE,
            Gate.AZURE_DELETION,
            failureType,
            null,
            null,
            null,
            message));
  }

  /** The last word: completed, failed or cancelled, with the project counts; then waits. */
  void finished(String kind, Step step, String error, ProjectCounts counts) {
    OperatorNotification last = base(kind, step, null, null, null, null, null, error);
    send(
        new OperatorNotification(
            last.kind(),
            last.occurredAt(),
            last.workflowId(),
            last.batchId(),
            last.sourceOrgId(),
            last.destinationOrgId(),
            last.step(),
            null,
            null,
            null,
            null,
            null,
            error,
            Map.of(
                "total", counts.total(),
                "transferred", counts.transferred(),
                "blocked", counts.blocked()),
            null));
    awaitDelivery();
  }

  private void awaitDelivery() {
    pending.removeIf(Promise::isCompleted);
    if (!pending.isEmpty()) {
      if (!Workflow.await(
          NotificationDelivery.FINAL_GRACE,
          () -> pending.stream().allMatch(Promise::isCompleted))) {
        log.warn("{} notification(s) still undelivered; the run closes anyway", pending.size());
      }
    }
  }

  private void send(OperatorNotification notification) {
    if (request == null || !enabled() || inBatch()) {
      return;
    }
    NotificationActivities notifications =
        Workflow.newActivityStub(
            NotificationActivities.class,
            ActivityCatalogue.NOTIFICATION.toBuilder()
                .setSummary("notify operators: " + notification.kind())
                .build());
    Promise<Void> delivery =
        Async.procedure(notifications::notifyOperators, notification)
            .handle(
                (ignored, failure) -> {
                  if (failure != null) {
                    Workflow.getMetricsScope()
                        .tagged(Map.of(MetricNames.TAG_KIND, notification.kind()))
                        .counter(MetricNames.NOTIFICATIONS_DROPPED)
                        .inc(1);
                    log.warn(
                        "{} notification not delivered, dropped: {}",
                        notification.kind(),
                        failure.getMessage());
                  }
                  return null;
                });
    pending.removeIf(Promise::isCompleted);
    pending.add(delivery);
  }

  private OperatorNotification base(
      String kind,
      Step step,
      Gate gate,
      String reason,
      Long waitingMinutes,
      String approver,
      Boolean approved,
      String error) {
    return new OperatorNotification(
        kind,
        Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString(),
        Workflow.getInfo().getWorkflowId(),
        null,
        request == null ? null : request.sourceOrgId(),
        request == null ? null : request.destinationOrgId(),
        step == null ? null : step.name(),
        gate == null ? null : gate.wireName(),
        reason,
        waitingMinutes,
        approver,
        approved,
        error,
        null,
        null);
  }
}
