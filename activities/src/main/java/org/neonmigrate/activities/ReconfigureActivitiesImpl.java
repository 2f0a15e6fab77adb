package org.neonmigrate.activities;

import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.activities.neon.model.Invitation;
import org.neonmigrate.activities.neon.model.InvitationRequest;
import org.neonmigrate.activities.neon.model.InvitationRequestItem;
import org.neonmigrate.activities.neon.model.MemberEntry;
import org.neonmigrate.activities.neon.model.OrgApiKey;
import org.neonmigrate.workflows.activities.ApiKeyOutcome;
import org.neonmigrate.workflows.activities.GrantCollaboratorsInput;
import org.neonmigrate.workflows.activities.GrantOutcome;
import org.neonmigrate.workflows.activities.InviteMembersInput;
import org.neonmigrate.workflows.activities.InviteOutcome;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.activities.ProjectCollaborators;
import org.neonmigrate.workflows.activities.ReconfigureActivities;
import org.neonmigrate.workflows.activities.ReplaceApiKeysInput;
import org.neonmigrate.workflows.migration.MemberInvite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
public class ReconfigureActivitiesImpl implements ReconfigureActivities {

  private static final Logger LOG = LoggerFactory.getLogger(ReconfigureActivitiesImpl.class);

  /** Invitees per POST: keeps one failed request small; Neon documents no maximum. */
  static final int INVITATIONS_PER_REQUEST = 50;

  /** Neon's limit on {@code key_name}. */
  static final int MAX_KEY_NAME = 64;

  /** Role for an invitee whose source role was not recorded. */
  static final String DEFAULT_ROLE = "member";

  private final NeonClient neon;
  private final ApiKeyDrop drop;

  public ReconfigureActivitiesImpl(NeonClient neon, ApiKeyDrop drop) {
    this.neon = neon;
    this.drop = drop;
  }

  @Override
  public InviteOutcome inviteMembers(InviteMembersInput input) {
    Requests.requireOrgIds(input.destinationOrgId());
    Set<String> present = new HashSet<>();
    for (MemberEntry entry : neon.allMembers(input.destinationOrgId())) {
      Emails.key(entry.user() == null ? null : entry.user().email()).ifPresent(present::add);
    }
    for (Invitation invitation : neon.invitations(input.destinationOrgId())) {
      Emails.key(invitation.email()).ifPresent(present::add);
    }
    Map<String, InvitationRequestItem> missing = new LinkedHashMap<>();
    int alreadyPresent = 0;
    for (MemberInvite member :
        input.members() == null ? List.<MemberInvite>of() : input.members()) {
      var key = Emails.key(member.email());
      if (key.isEmpty() || missing.containsKey(key.get())) {
        continue;
      }
      if (present.contains(key.get())) {
        alreadyPresent++;
        continue;
      }
      String role = member.role() == null || member.role().isBlank() ? DEFAULT_ROLE : member.role();
      missing.put(key.get(), new InvitationRequestItem(member.email().trim(), role));
    }
    List<InvitationRequestItem> invitees = new ArrayList<>(missing.values());
    for (int from = 0; from < invitees.size(); from += INVITATIONS_PER_REQUEST) {
      ActivityHeartbeat.beat();
      List<InvitationRequestItem> batch =
          invitees.subList(from, Math.min(invitees.size(), from + INVITATIONS_PER_REQUEST));
      neon.invite(input.destinationOrgId(), new InvitationRequest(List.copyOf(batch)));
    }
    LOG.info(
        "invited {} member(s) to {}; {} already there",
        invitees.size(),
        input.destinationOrgId(),
        alreadyPresent);
    return new InviteOutcome(invitees.size(), alreadyPresent);
  }

  @Override
  public GrantOutcome grantCollaborators(GrantCollaboratorsInput input) {
    int granted = 0;
    int alreadyPresent = 0;
    for (ProjectCollaborators project :
        input.projects() == null ? List.<ProjectCollaborators>of() : input.projects()) {
      ActivityHeartbeat.beat();
      Set<String> active = new HashSet<>();
      for (String email : Collaborators.active(neon.permissions(project.projectId()))) {
        Emails.key(email).ifPresent(active::add);
      }
      for (String email : project.emails() == null ? List.<String>of() : project.emails()) {
        var key = Emails.key(email);
        if (key.isEmpty()) {
          continue;
        }
        if (!active.add(key.get())) {
          alreadyPresent++;
        } else if (neon.grant(project.projectId(), email.trim())) {
          granted++;
        } else {
          alreadyPresent++;
        }
      }
    }
    LOG.info("granted {} collaborator(s); {} already there", granted, alreadyPresent);
    return new GrantOutcome(granted, alreadyPresent);
  }

  @Override
  public ApiKeyOutcome replaceOrgApiKeys(ReplaceApiKeysInput input) {
    Requests.requireOrgIds(input.sourceOrgId(), input.destinationOrgId());
    String destination = input.destinationOrgId();
    Set<String> existing = new HashSet<>();
    for (OrgApiKey key : neon.orgApiKeys(destination)) {
      if (key.projectId() == null || key.projectId().isBlank()) {
        existing.add(key.name());
      }
    }
    // a key whose secret an earlier attempt wrote to the drop is ours: report it as created
    Set<String> delivered = drop.deliveredNames(destination);
    List<String> created = new ArrayList<>();
    List<String> alreadyPresent = new ArrayList<>();
    for (String name :
        new LinkedHashSet<>(input.keyNames() == null ? List.of() : input.keyNames())) {
      if (name == null || name.isBlank() || name.length() > MAX_KEY_NAME) {
        throw MigrationFailure.InvalidMigrationRequest.failure(
            "API key names must be 1.." + MAX_KEY_NAME + " characters: " + name);
      }
      if (existing.contains(name)) {
        (delivered.contains(name) ? created : alreadyPresent).add(name);
        continue;
      }
      ActivityHeartbeat.beat();
      drop.deliver(destination, neon.createOrgApiKey(destination, name));
      created.add(name);
    }
    Path file = drop.fileFor(destination);
    String delivery = Files.exists(file) && !created.isEmpty() ? file.toString() : null;
    LOG.info(
        "replacement API keys for {}: {} created, {} already present; secrets in {}",
        destination,
        created.size(),
        alreadyPresent.size(),
        delivery);
    return new ApiKeyOutcome(created, alreadyPresent, delivery);
  }
}
