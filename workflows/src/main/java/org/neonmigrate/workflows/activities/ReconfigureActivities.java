package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Re-adds access in the destination. A first attempt trusts the inventory; a retried one re-reads
 * the destination and adds only what is missing, so retries never add anything twice.
 */
@ActivityInterface
public interface ReconfigureActivities {

  @ActivityMethod
  InviteOutcome inviteMembers(InviteMembersInput input);

  @ActivityMethod
  GrantOutcome grantCollaborators(GrantCollaboratorsInput input);

  /**
   * Creates a replacement org-wide key in the destination for each named source key (skipping names
   * already there). The new secrets go to the worker's configured key drop, never into the result.
   */
  @ActivityMethod
  ApiKeyOutcome replaceOrgApiKeys(ReplaceApiKeysInput input);
}
