package org.neonmigrate.workflows.activities;

import java.util.List;

/**
 * A slice of the projects whose collaborators must be re-granted.
 *
 * @param invite members to invite first, as {@code inviteMembers} does, saving the run an activity;
 *     null: grants only
 */
public record GrantCollaboratorsInput(
    List<ProjectCollaborators> projects, InviteMembersInput invite) {

  public GrantCollaboratorsInput(List<ProjectCollaborators> projects) {
    this(projects, null);
  }
}
