package org.neonmigrate.workflows.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityCatalogueTest {

  @Test
  void everyOptionCanStartAnAttemptAndNoticesALostWorkerBeforeItsAttemptEnds() throws Exception {
    Map<String, ActivityOptions> all = catalogue();
    assertThat(all).hasSizeGreaterThanOrEqualTo(9);
    all.forEach(
        (name, options) -> {
          Duration attempt = options.getStartToCloseTimeout();
          assertThat(attempt).as(name + " start-to-close").isNotNull().isPositive();
          if (options.getScheduleToCloseTimeout() != null) {
            assertThat(options.getScheduleToCloseTimeout())
                .as(name + " schedule-to-close")
                .isGreaterThanOrEqualTo(attempt);
          }
          if (options.getHeartbeatTimeout() != null) {
            assertThat(options.getHeartbeatTimeout()).as(name + " heartbeat").isLessThan(attempt);
          }
          // an unlimited retry policy needs a schedule-to-close to bound it
          if (options.getRetryOptions().getMaximumAttempts() == 0) {
            assertThat(options.getScheduleToCloseTimeout()).as(name + " bound").isNotNull();
          }
          assertThat(options.getRetryOptions().getMaximumAttempts()).as(name).isLessThan(10);
        });
  }

  @Test
  void theNeonAndArmActivitiesHeartbeatAndATransferCancelWaitsForItsOutcome() {
    for (ActivityOptions options :
        new ActivityOptions[] {
          ActivityCatalogue.DISCOVERY_READS,
          ActivityCatalogue.TRANSFER,
          ActivityCatalogue.LOCATE_AFTER_CANCEL,
          ActivityCatalogue.RECONFIGURE,
          ActivityCatalogue.VERIFY,
          ActivityCatalogue.AZURE_DELETION
        }) {
      assertThat(options.getHeartbeatTimeout()).isEqualTo(ActivityCatalogue.HEARTBEAT_TIMEOUT);
    }
    assertThat(ActivityCatalogue.TRANSFER.getCancellationType())
        .isEqualTo(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED);
    assertThat(ActivityCatalogue.AZURE_DELETION.getRetryOptions().getMaximumAttempts())
        .isEqualTo(5);
  }

  private static Map<String, ActivityOptions> catalogue() throws IllegalAccessException {
    Map<String, ActivityOptions> all = new LinkedHashMap<>();
    for (Field field : ActivityCatalogue.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ActivityOptions.class) {
        all.put(field.getName(), (ActivityOptions) field.get(null));
      }
    }
    return all;
  }
}
