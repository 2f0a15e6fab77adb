package org.neonmigrate.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Each call reads the destination first and only adds what is missing, so retries are safe. */
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
