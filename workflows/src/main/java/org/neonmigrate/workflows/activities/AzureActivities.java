package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface AzureActivities {

  /**
   * Reads the Azure resource and proves it belongs to the source org; read-only. Fails
   * non-retryably with {@link MigrationFailure#AzureResourceNotFound} (no such resource, resource
   * group or subscription) or {@link MigrationFailure#AzureResourceMismatch} (another org's, or no
   * proof whose it is).
   */
  @ActivityMethod
  AzureBinding proveAzureResource(AzureBindingInput input);

  /**
   * The deletion interlock and the delete, in one activity: proves the resource again, checks that
   * the key still administers the source org and that a complete, well-formed listing shows zero
   * projects; any doubt is a non-retryable refusal ({@link MigrationFailure#SourceOrgNotEmpty},
   * {@link MigrationFailure#AzureDeletionRefused}, {@link MigrationFailure#AzureResourceMismatch}).
   * Only then sends the ARM DELETE and polls the long-running operation to its end, heartbeating.
   * After the DELETE was sent, a failure is {@link MigrationFailure#AzureDeletionOutcomeUnknown}.
   */
  @ActivityMethod
  AzureDeletion deleteAzureResource(AzureDeletionInput input);
}
