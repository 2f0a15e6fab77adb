package org.neonmigrate.workflows.activities;

/**
 * @param invited the invitations' outcome when the input asked for them; null otherwise (also from
 *     a worker that predates them: then the workflow invites on its own)
 */
public record GrantOutcome(int granted, int alreadyPresent, InviteOutcome invited) {

  public GrantOutcome(int granted, int alreadyPresent) {
    this(granted, alreadyPresent, null);
  }
}
