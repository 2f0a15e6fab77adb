package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface AzureActivities {

  /**
   * The deletion interlock and the delete, in one activity: re-lists the source org's projects and
   * fails non-retryably ({@link MigrationFailure#SourceOrgNotEmpty}) if any remain; only then sends
   * the ARM DELETE and polls the long-running operation to its end, heartbeating.
   */
  @ActivityMethod
  AzureDeletion deleteAzureResource(AzureDeletionInput input);
}
