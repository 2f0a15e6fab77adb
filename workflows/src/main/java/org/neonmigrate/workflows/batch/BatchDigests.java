package org.neonmigrate.workflows.batch;

import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.neonmigrate.workflows.activities.ActivityCatalogue;
import org.neonmigrate.workflows.activities.NotificationActivities;
import org.neonmigrate.workflows.activities.NotificationDelivery;
import org.neonmigrate.workflows.activities.OperatorNotification;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.Step;
import org.slf4j.Logger;

/**
 * The batch's operator notifications: its runs send none of their own; instead, at most one {@code
 * batch-digest} per interval once something changed, one at least every {@link #REMIND_EVERY} while
 * runs wait for a human, and a last one when the batch ends. A digest is sent like any
 * notification: asynchronously, and dropped after its retries.
 */
final class BatchDigests {
  private static final Logger log = Workflow.getLogger(BatchDigests.class);

  /** Batches started before digests existed replay without them. */
  static final String CHANGE_ID = "batch-digests";

  static final Duration REMIND_EVERY =
      Duration.ofMinutes(MigrationRequest.DEFAULT_REMINDER_MINUTES);

  private final String batchId;
  private final Supplier<BatchProgress> progress;
  private final Duration every;
  private boolean changed = true;
  private Integer version;
  private Promise<Void> digestTimer;
  private Promise<Void> reminderTimer;

  /**
   * @param every the digest interval; empty switches digests off
   */
  BatchDigests(String batchId, Supplier<BatchProgress> progress, Optional<Duration> every) {
    this.batchId = batchId;
    this.progress = progress;
    this.every = every.orElse(null);
  }

  /** Something a digest would show changed; safe to call from handlers. */
  void changed() {
    changed = true;
  }

  private boolean enabled() {
    if (every == null) {
      return false;
    }
    if (version == null) {
      version = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1);
    }
    return version >= 1;
  }

  /** For wait conditions, which must not record a version marker: {@link #arm} has done that. */
  private boolean versionKnownOn() {
    return every != null && version != null && version >= 1;
  }

  /** Starts the timers the batch's state calls for; call from the workflow's main loop. */
  void arm() {
    if (!enabled()) {
      return;
    }
    if (digestTimer == null && changed) {
      digestTimer = Workflow.newTimer(every);
    }
    if (reminderTimer == null && progress.get().awaitingHumanCount() > 0) {
      reminderTimer = Workflow.newTimer(REMIND_EVERY);
    }
  }

  /** True when a digest is due, or a change wants its timer started: the main loop wakes. */
  boolean due() {
    return fired(digestTimer)
        || fired(reminderTimer)
        || (versionKnownOn() && digestTimer == null && changed);
  }

  /** Sends the digest if one is due; the promise never fails. */
  Promise<Void> sendIfDue() {
    boolean byChange = fired(digestTimer);
    boolean byReminder = fired(reminderTimer);
    if (byChange) {
      digestTimer = null;
    }
    if (byReminder) {
      reminderTimer = null;
    }
    if (!(byChange || byReminder) || !enabled()) {
      return Workflow.newPromise(null);
    }
    return send();
  }

  /** The last digest, when the batch ends; waits a bounded time for it. */
  void last() {
    if (!enabled()) {
      return;
    }
    Promise<Void> delivery = send();
    if (!Workflow.await(NotificationDelivery.FINAL_GRACE, delivery::isCompleted)) {
      log.warn("the batch's last digest is still undelivered; the batch closes anyway");
    }
  }

  private Promise<Void> send() {
    changed = false;
    BatchProgress now = progress.get();
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("NOT_STARTED", now.notStarted());
    counts.put("WORKING", now.working());
    counts.put("WAITING_FOR_HUMAN", now.awaitingHumanCount());
    counts.put(Step.COMPLETED.name(), now.completed());
    counts.put(Step.FAILED.name(), now.failed());
    counts.put(Step.CANCELLED.name(), now.cancelled());
    OperatorNotification digest =
        new OperatorNotification(
            OperatorNotification.KIND_BATCH_DIGEST,
            Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString(),
            Workflow.getInfo().getWorkflowId(),
            batchId,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            counts,
            now.awaitingByGate());
    NotificationActivities notifications =
        Workflow.newActivityStub(
            NotificationActivities.class,
            ActivityCatalogue.NOTIFICATION.toBuilder().setSummary("batch digest").build());
    return Async.procedure(notifications::notifyOperators, digest)
        .handle(
            (ignored, failure) -> {
              if (failure != null) {
                log.warn("batch digest not delivered, dropped: {}", failure.getMessage());
              }
              return null;
            });
  }

  private static boolean fired(Promise<Void> timer) {
    return timer != null && timer.isCompleted();
  }
}
