package org.neonmigrate.workflows.activities;

import java.time.Duration;

/**
 * How workflows send {@link NotificationActivities#notifyOperators}: the same for runs and batches.
 */
public final class NotificationDelivery {

  /**
   * How long a finished run or batch waits for its last notifications before it closes anyway
   * (Temporal drops an activity whose workflow has closed, so without a wait the last word would be
   * lost; a receiver that hangs costs at most this).
   */
  public static final Duration FINAL_GRACE = Duration.ofSeconds(20);

  private NotificationDelivery() {}
}
