package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityOptions;
import java.time.Duration;

/**
 * How workflows send {@link NotificationActivities#notifyOperators}: the same for runs and batches.
 */
public final class NotificationDelivery {

  /**
   * The same options as {@link ActivityCatalogue#NOTIFICATION}, where they are defined with their
   * reasons; kept for callers that have not moved to the catalogue yet.
   */
  public static final ActivityOptions OPTIONS = ActivityCatalogue.NOTIFICATION;

  /**
   * How long a finished run or batch waits for its last notifications before it closes anyway
   * (Temporal drops an activity whose workflow has closed, so without a wait the last word would be
   * lost; a receiver that hangs costs at most this).
   */
  public static final Duration FINAL_GRACE = Duration.ofSeconds(20);

  private NotificationDelivery() {}
}
