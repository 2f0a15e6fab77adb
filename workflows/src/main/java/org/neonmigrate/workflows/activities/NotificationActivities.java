package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface NotificationActivities {

  /** Logs the reminder and, when a webhook URL is configured, POSTs it as JSON. */
  @ActivityMethod
  void remindOperators(GateReminder reminder);
}
