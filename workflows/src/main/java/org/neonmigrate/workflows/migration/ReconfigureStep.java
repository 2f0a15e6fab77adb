package org.neonmigrate.workflows.migration;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.util.Collection;
import java.util.List;
import org.neonmigrate.workflows.activities.ActivityCatalogue;
import org.neonmigrate.workflows.activities.ApiKeyOutcome;
import org.neonmigrate.workflows.activities.GrantCollaboratorsInput;
import org.neonmigrate.workflows.activities.GrantOutcome;
import org.neonmigrate.workflows.activities.InviteMembersInput;
import org.neonmigrate.workflows.activities.InviteOutcome;
import org.neonmigrate.workflows.activities.ProjectCollaborators;
import org.neonmigrate.workflows.activities.ReconfigureActivities;
import org.neonmigrate.workflows.activities.ReplaceApiKeysInput;
import org.neonmigrate.workflows.activities.UnsavedApiKey;

/** RECONFIGURE: re-invite members, re-grant collaborators, replace org API keys when asked. */
final class ReconfigureStep {
  static final int GRANT_CHUNK_PROJECTS = 200;

  private final ActivityOptions reconfigureOptions = ActivityCatalogue.RECONFIGURE;

  private final MigrationRequest request;
  private final MigrationProgress progress;

  ReconfigureStep(MigrationRequest request, MigrationProgress progress) {
    this.request = request;
    this.progress = progress;
  }

  void run() {
    MigrationPlan plan = progress.plan();
    progress.enter(Step.RECONFIGURE, "Re-adding members and collaborators in the destination");
    List<MemberInvite> members = plan.membersToInvite();
    List<ProjectCollaborators> grants = progress.projects().collaboratorGrants();
    // the invitations ride with the first grant chunk: one activity (and workflow task) less
    InviteMembersInput invite =
        progress.invitationsWithGrants() && !members.isEmpty() && !grants.isEmpty()
            ? new InviteMembersInput(request.destinationOrgId(), members)
            : null;
    if (invite == null) {
      inviteMembers(members);
    }
    InviteOutcome invited = grantCollaborators(grants, invite);
    if (invite != null) {
      if (invited == null) {
        inviteMembers(members); // a worker from before the two went together
      } else {
        recordInvitations(invited);
      }
    }
    replaceOrgApiKeys(plan.orgApiKeysToReplace());
  }

  /** For projects found in the source after the move: only their collaborators are new. */
  void runForLeftovers(Collection<String> projectIds) {
    progress.enter(
        Step.RECONFIGURE,
        "Re-granting collaborators of " + projectIds.size() + " projects moved late");
    grantCollaborators(progress.projects().collaboratorGrants(projectIds), null);
  }

  private void inviteMembers(List<MemberInvite> members) {
    if (members.isEmpty()) {
      return;
    }
    recordInvitations(
        stub("invite " + members.size() + " members to " + request.destinationOrgId())
            .inviteMembers(new InviteMembersInput(request.destinationOrgId(), members)));
  }

  private void recordInvitations(InviteOutcome outcome) {
    progress.addMembersInvited(outcome.invited());
    if (outcome.invited() > 0) {
      progress.addActionForHumans(
          outcome.invited()
              + " members invited to "
              + request.destinationOrgId()
              + " must accept the emailed invitation");
    }
  }

  /** The invitations' outcome when {@code invite} went with the first chunk and was answered. */
  private InviteOutcome grantCollaborators(
      List<ProjectCollaborators> grants, InviteMembersInput invite) {
    List<List<ProjectCollaborators>> chunks =
        ProjectInventory.inChunks(grants, GRANT_CHUNK_PROJECTS);
    InviteOutcome invited = null;
    for (int i = 0; i < chunks.size(); i++) {
      List<ProjectCollaborators> chunk = chunks.get(i);
      InviteMembersInput withChunk = i == 0 ? invite : null;
      String summary =
          "grant collaborators chunk "
              + (i + 1)
              + "/"
              + chunks.size()
              + " ("
              + MigrationTexts.projects(chunk.size())
              + ")"
              + (withChunk == null ? "" : ", invite " + withChunk.members().size() + " members");
      progress.describe("Re-granting collaborators: " + summary);
      GrantOutcome outcome =
          stub(summary).grantCollaborators(new GrantCollaboratorsInput(chunk, withChunk));
      progress.addCollaboratorsGranted(outcome.granted());
      if (withChunk != null) {
        invited = outcome.invited();
      }
    }
    return invited;
  }

  private void replaceOrgApiKeys(List<String> keyNames) {
    if (keyNames.isEmpty()) {
      return;
    }
    if (!request.replaceOrgApiKeys()) {
      progress.addActionForHumans(
          "the source's org-wide API keys no longer reach the moved projects; create"
              + " replacements in "
              + request.destinationOrgId()
              + " for: "
              + String.join(", ", keyNames));
      return;
    }
    ApiKeyOutcome outcome =
        stub("replace " + keyNames.size() + " org API keys")
            .replaceOrgApiKeys(
                new ReplaceApiKeysInput(
                    request.sourceOrgId(), request.destinationOrgId(), keyNames));
    progress.addReplacementApiKeys(orEmpty(outcome.created()));
    progress.addReplacementApiKeys(orEmpty(outcome.alreadyPresent()));
    progress.addActionForHumans(
        "swap the new org API keys into apps that used the old ones: "
            + String.join(", ", keyNames)
            + " (secrets delivered to "
            + outcome.delivery()
            + ")");
    for (UnsavedApiKey key : orEmpty(outcome.unsaved())) {
      progress.addActionForHumans(
          "an org API key named "
              + key.name()
              + " (id "
              + key.id()
              + ", created "
              + key.createdAt()
              + (key.createdBy() == null ? "" : " by " + key.createdBy())
              + ") exists in "
              + request.destinationOrgId()
              + " but its secret was not saved (an interrupted attempt made it, or someone did by"
              + " hand); unless you hold its secret, revoke key "
              + key.id()
              + " in the Neon Console: the replacement whose secret was saved is another key");
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private ReconfigureActivities stub(String summary) {
    return Workflow.newActivityStub(
        ReconfigureActivities.class, reconfigureOptions.toBuilder().setSummary(summary).build());
  }
}
