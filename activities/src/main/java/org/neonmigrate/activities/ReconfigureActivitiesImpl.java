package org.neonmigrate.activities;

import io.temporal.failure.ApplicationFailure;
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
import org.neonmigrate.activities.neon.NeonFailures;
import org.neonmigrate.activities.neon.model.CreatedOrgApiKey;
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
import org.neonmigrate.workflows.activities.UnsavedApiKey;
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

  /** {@link RecentWrites} kind for an invitation, scoped by destination org. */
  static final String INVITE = "invite";

  private final NeonClient neon;
  private final ApiKeyDrop drop;
  private final RecentWrites recentWrites;

  public ReconfigureActivitiesImpl(NeonClient neon, ApiKeyDrop drop, RecentWrites recentWrites) {
    this.neon = neon;
    this.drop = drop;
    this.recentWrites = recentWrites;
  }

  @Override
  public InviteOutcome inviteMembers(InviteMembersInput input) {
    Requests.requireOrgIds(input.destinationOrgId());
    String destination = input.destinationOrgId();
    List<MemberInvite> asked = input.members() == null ? List.of() : input.members();
    Set<String> askedKeys = new LinkedHashSet<>();
    for (MemberInvite member : asked) {
      Emails.key(member.email()).ifPresent(askedKeys::add);
    }
    // The inventory already left out members and pending invitees; re-read only when an earlier
    // try may have sent some of these invitations (a retried attempt, or this process before).
    boolean reread =
        ActivityHeartbeat.attempt() > 1 || recentWrites.anySent(INVITE, destination, askedKeys);
    Set<String> present = reread ? presentIn(destination) : Set.of();
    List<InvitationRequestItem> invitees = missing(asked, present);
    int alreadyPresent = askedKeys.size() - invitees.size();
    int invited = 0;
    int from = 0;
    while (from < invitees.size()) {
      ActivityHeartbeat.beat();
      List<InvitationRequestItem> batch =
          List.copyOf(
              invitees.subList(from, Math.min(invitees.size(), from + INVITATIONS_PER_REQUEST)));
      recentWrites.record(
          INVITE, destination, batch.stream().map(i -> emailKey(i.email())).toList());
      if (neon.invite(destination, new InvitationRequest(batch)).isPresent()) {
        invited += batch.size();
        from += batch.size();
        continue;
      }
      if (reread) {
        throw ApplicationFailure.newBuilder()
            .setType(NeonFailures.UNAVAILABLE)
            .setMessage(
                "invitations to "
                    + destination
                    + " answered 409 for people its member list does not show yet; retrying")
            .build();
      }
      // 409: someone joined since the inventory; invite only who is still missing
      reread = true;
      Set<String> now = presentIn(destination);
      List<InvitationRequestItem> rest = new ArrayList<>();
      for (InvitationRequestItem item : invitees.subList(from, invitees.size())) {
        if (now.contains(emailKey(item.email()))) {
          alreadyPresent++;
        } else {
          rest.add(item);
        }
      }
      invitees = rest;
      from = 0;
    }
    LOG.info("invited {} member(s) to {}; {} already there", invited, destination, alreadyPresent);
    return new InviteOutcome(invited, alreadyPresent);
  }

  /** Members and pending invitees of the org, by email key. */
  private Set<String> presentIn(String orgId) {
    Set<String> present = new HashSet<>();
    for (MemberEntry entry : neon.allMembers(orgId)) {
      Emails.key(entry.user() == null ? null : entry.user().email()).ifPresent(present::add);
    }
    for (Invitation invitation : neon.invitations(orgId)) {
      Emails.key(invitation.email()).ifPresent(present::add);
    }
    return present;
  }

  private static List<InvitationRequestItem> missing(
      List<MemberInvite> asked, Set<String> present) {
    Map<String, InvitationRequestItem> missing = new LinkedHashMap<>();
    for (MemberInvite member : asked) {
      var key = Emails.key(member.email());
      if (key.isEmpty() || missing.containsKey(key.get()) || present.contains(key.get())) {
        continue;
      }
      String role = member.role() == null || member.role().isBlank() ? DEFAULT_ROLE : member.role();
      missing.put(key.get(), new InvitationRequestItem(member.email().trim(), role));
    }
    return new ArrayList<>(missing.values());
  }

  private static String emailKey(String email) {
    return Emails.key(email).orElse(email);
  }

  @Override
  public GrantOutcome grantCollaborators(GrantCollaboratorsInput input) {
    InviteOutcome invited = input.invite() == null ? null : inviteMembers(input.invite());
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
    return new GrantOutcome(granted, alreadyPresent, invited);
  }

  @Override
  public ApiKeyOutcome replaceOrgApiKeys(ReplaceApiKeysInput input) {
    Requests.requireOrgIds(input.sourceOrgId(), input.destinationOrgId());
    String destination = input.destinationOrgId();
    Set<String> names = new LinkedHashSet<>();
    for (String name : input.keyNames() == null ? List.<String>of() : input.keyNames()) {
      if (name == null || name.isBlank() || name.length() > MAX_KEY_NAME) {
        throw MigrationFailure.InvalidMigrationRequest.failure(
            "API key names must be 1.." + MAX_KEY_NAME + " characters: " + name);
      }
      names.add(name);
    }
    // The drop comes first: a key whose secret is there (by id) was made by an earlier attempt and
    // is not made again. Any other key of a name to replace has no secret a human can pick up, for
    // all we know (an attempt may have died between creating it and saving it): it is named for a
    // human to revoke, and a replacement whose secret is saved is made all the same.
    Map<Long, String> saved = drop.deliveredKeys(destination);
    Map<String, List<OrgApiKey>> listed = new LinkedHashMap<>();
    for (OrgApiKey key : neon.orgApiKeys(destination)) {
      if (key.orgWide() && names.contains(key.name())) {
        listed.computeIfAbsent(key.name(), n -> new ArrayList<>()).add(key);
      }
    }
    List<String> created = new ArrayList<>();
    List<String> alreadyPresent = new ArrayList<>();
    List<UnsavedApiKey> unsaved = new ArrayList<>();
    for (String name : names) {
      boolean delivered = false;
      for (OrgApiKey key : listed.getOrDefault(name, List.of())) {
        if (saved.containsKey(key.id())) {
          delivered = true;
        } else {
          unsaved.add(
              new UnsavedApiKey(
                  name,
                  key.id(),
                  key.createdAt(),
                  key.createdBy() == null ? null : key.createdBy().name()));
        }
      }
      if (delivered) {
        alreadyPresent.add(name);
        continue;
      }
      ActivityHeartbeat.beat();
      deliver(destination, neon.createOrgApiKey(destination, name));
      created.add(name);
    }
    Path file = drop.fileFor(destination);
    boolean anyDelivered = !created.isEmpty() || !alreadyPresent.isEmpty();
    String delivery = Files.exists(file) && anyDelivered ? file.toString() : null;
    if (!unsaved.isEmpty()) {
      LOG.warn(
          "{} org API key(s) in {} have no secret in the key drop (ids {}); reported for revoking",
          unsaved.size(),
          destination,
          unsaved.stream().map(UnsavedApiKey::id).toList());
    }
    LOG.info(
        "replacement API keys for {}: {} created, {} already delivered; secrets in {}",
        destination,
        created.size(),
        alreadyPresent.size(),
        delivery);
    return new ApiKeyOutcome(created, alreadyPresent, delivery, unsaved);
  }

  /** Saves a new key's secret; if that fails, the failure names the key for a human to revoke. */
  private void deliver(String destination, CreatedOrgApiKey key) {
    try {
      drop.deliver(destination, key);
    } catch (ApplicationFailure failure) {
      throw ApplicationFailure.newBuilder()
          .setType(failure.getType())
          .setMessage(
              "org API key "
                  + key.name()
                  + " (id "
                  + key.id()
                  + ") was created in "
                  + destination
                  + " but its secret could not be saved; revoke it in the Neon Console: "
                  + failure.getOriginalMessage())
          .setNonRetryable(failure.isNonRetryable())
          .build();
    }
  }
}
