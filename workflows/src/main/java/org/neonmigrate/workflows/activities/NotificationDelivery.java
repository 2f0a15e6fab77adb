package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * How workflows send {@link NotificationActivities#notifyOperators}: the same for runs and batches.
 */
public final class NotificationDelivery {

  // A notification is a courtesy: 5 quick attempts within 2 min (each bounded by the client's
  // 5 s answer timeout), then it is dropped; it must never fail or stall a migration.
  public static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(5)
                  .build())
          .build();

  /**
   * How long a finished run or batch waits for its last notifications before it closes anyway
   * (Temporal drops an activity whose workflow has closed, so without a wait the last word would be
   * lost; a receiver that hangs costs at most this).
   */
  public static final Duration FINAL_GRACE = Duration.ofSeconds(20);

  private NotificationDelivery() {}
}
