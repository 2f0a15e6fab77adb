package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface NotificationActivities {

  /**
   * Runs started before operator notifications existed still call this at their gates; it sends a
   * {@code reminder} of the current contract.
   */
  @ActivityMethod
  void remindOperators(GateReminder reminder);

  /** Logs the notification and, when a webhook URL is configured, POSTs it signed. */
  @ActivityMethod
  void notifyOperators(OperatorNotification notification);
}
