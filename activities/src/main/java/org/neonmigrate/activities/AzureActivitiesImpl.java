package org.neonmigrate.activities;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.neonmigrate.activities.azure.ArmClient;
import org.neonmigrate.activities.azure.ArmClient.DeletionState;
import org.neonmigrate.activities.azure.ArmClient.Lookup;
import org.neonmigrate.activities.azure.ArmConfiguration;
import org.neonmigrate.activities.azure.ArmDeletionProgress;
import org.neonmigrate.activities.azure.ArmOrganization;
import org.neonmigrate.activities.metrics.ActivityMetrics;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.activities.neon.NeonFailures;
import org.neonmigrate.activities.neon.model.AuthDetails;
import org.neonmigrate.activities.neon.model.MemberEntry;
import org.neonmigrate.activities.neon.model.ProjectListPage;
import org.neonmigrate.workflows.NeonLimits;
import org.neonmigrate.workflows.activities.AzureActivities;
import org.neonmigrate.workflows.activities.AzureBinding;
import org.neonmigrate.workflows.activities.AzureBindingInput;
import org.neonmigrate.workflows.activities.AzureDeletion;
import org.neonmigrate.workflows.activities.AzureDeletionInput;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.migration.AzureResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Azure side: proving the resource is the source org's, and deleting it. The DELETE is sent
 * only on positive proof; every missing, malformed or contradictory answer is a refusal.
 */
@Singleton
public class AzureActivitiesImpl implements AzureActivities {

  private static final Logger LOG = LoggerFactory.getLogger(AzureActivitiesImpl.class);

  /** ARM's constraint on {@code organizationName}. */
  private static final Pattern RESOURCE_NAME =
      Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_\\-.: ]{0,49}$");

  private static final Pattern SUBSCRIPTION = Pattern.compile("^[0-9a-fA-F-]{36}$");

  private static final Pattern RESOURCE_GROUP = Pattern.compile("^[-\\w._()]{1,90}$");

  private static final String RESOURCE_TYPE = "Neon.Postgres/organizations";

  private static final String DELETING = "Deleting";

  /** Heartbeat at least this often while waiting between polls. */
  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);

  private final NeonClient neon;
  private final ArmClient arm;
  private final ArmConfiguration configuration;
  private final ActivityMetrics metrics;

  public AzureActivitiesImpl(
      NeonClient neon, ArmClient arm, ArmConfiguration configuration, ActivityMetrics metrics) {
    this.neon = neon;
    this.metrics = metrics;
    this.arm = arm;
    this.configuration = configuration;
  }

  @Override
  public AzureBinding proveAzureResource(AzureBindingInput input) {
    Requests.requireOrgIds(input.sourceOrgId());
    AzureResource resource = requireResource(input.azure());
    Lookup lookup = arm.lookup(resource);
    if (lookup instanceof Lookup.Missing missing) {
      throw MigrationFailure.AzureResourceNotFound.failure(
          "ARM has no "
              + ArmClient.resourceId(resource)
              + " ("
              + describe(missing)
              + "): check the subscription id, resource group and resource name of the source org's"
              + " Azure resource; nothing was changed");
    }
    ArmOrganization organization = ((Lookup.Found) lookup).organization();
    AzureBinding binding = bind(organization, input.sourceOrgId(), resource);
    if (DELETING.equalsIgnoreCase(binding.provisioningState())) {
      throw MigrationFailure.AzureResourceDeleting.failure(
          "Azure resource "
              + binding.resourceId()
              + " is already being deleted (provisioningState Deleting): its Neon org and every"
              + " project still in it are being destroyed; nothing was changed");
    }
    LOG.info("Azure resource {} proven: {}", binding.resourceId(), binding.proof());
    return binding;
  }

  @Override
  public AzureDeletion deleteAzureResource(AzureDeletionInput input) {
    try {
      AzureDeletion done = deleteOnce(input);
      metrics.armDeletion(done.alreadyGone() ? "already_gone" : "deleted");
      return done;
    } catch (ApplicationFailure failure) {
      countStopped(failure);
      throw failure;
    } finally {
      ActivityHeartbeat.forgetRecorded();
    }
  }

  /** A refusal by the interlock, an unknown outcome, or an error Temporal retries. */
  private void countStopped(ApplicationFailure failure) {
    String type = failure.getType();
    if (MigrationFailure.AzureDeletionOutcomeUnknown.name().equals(type)) {
      metrics.armDeletion("outcome_unknown");
    } else if (failure.isNonRetryable() && isMigrationFailure(type)) {
      metrics.armDeletion("refused");
      metrics.interlockRefusal(type);
    } else {
      metrics.armDeletion("error");
    }
  }

  private static boolean isMigrationFailure(String type) {
    for (MigrationFailure known : MigrationFailure.values()) {
      if (known.name().equals(type)) {
        return true;
      }
    }
    return false;
  }

  private AzureDeletion deleteOnce(AzureDeletionInput input) {
    Requests.requireOrgIds(input.sourceOrgId());
    AzureResource resource = requireResource(input.azure());
    requireProven(input, resource);
    Optional<ActivityExecutionContext> ctx = ActivityHeartbeat.context();
    // the previous attempt's record, decoded as such (what this attempt sends later is not it)
    Optional<ArmDeletionProgress> saved =
        ctx.flatMap(c -> c.getLastHeartbeatDetails(ArmDeletionProgress.class));
    int attempt = ctx.map(c -> c.getInfo().getAttempt()).orElse(1);
    boolean sentBefore =
        input.deleteSentBefore() || saved.map(ArmDeletionProgress::sent).orElse(false);
    // every heartbeat of this attempt (the Neon client's, the keep-alive's) repeats the record
    saved.ifPresent(ActivityHeartbeat::record);
    if (saved.isPresent() && saved.get().location() != null) {
      // the DELETE was sent by an earlier attempt: only its operation is left to watch
      LOG.info(
          "resuming the deletion of {} after {} poll(s)",
          resource.resourceName(),
          saved.get().polls());
      return afterSend(
          () -> {
            int polls =
                pollToEnd(saved.get().location(), Optional.empty(), saved.get().polls(), true);
            return confirmGone(resource, polls);
          });
    }
    Lookup lookup;
    try {
      lookup = arm.lookup(resource);
    } catch (ApplicationFailure unanswered) {
      // an earlier attempt of this activity may have sent the DELETE before it was lost
      throw sentBefore || attempt > 1 ? outcomeUnknown(unanswered) : unanswered;
    }
    if (lookup instanceof Lookup.Missing missing) {
      if (missing.resourceItselfIsGone()) {
        LOG.info("ARM says {} does not exist any more", input.provenResourceId());
        // after a lost attempt the DELETE that removed it may well have been this run's
        return new AzureDeletion(true, !(sentBefore || attempt > 1), 0);
      }
      throw refusedOrUnknown(
          sentBefore,
          MigrationFailure.AzureDeletionRefused,
          "ARM answered 404 ("
              + describe(missing)
              + ") for "
              + input.provenResourceId()
              + ", which is not proof that the resource is gone (a wrong subscription, resource"
              + " group or credential look the same); nothing was deleted");
    }
    ArmOrganization current = ((Lookup.Found) lookup).organization();
    AzureBinding binding = bind(current, input.sourceOrgId(), resource);
    if (!binding.resourceId().equalsIgnoreCase(input.provenResourceId())) {
      throw MigrationFailure.AzureResourceMismatch.failure(
          "ARM now answers with resource "
              + binding.resourceId()
              + ", not "
              + input.provenResourceId()
              + " proven at DISCOVER; nothing was deleted");
    }
    if (DELETING.equalsIgnoreCase(binding.provisioningState())) {
      if (sentBefore || attempt > 1) {
        LOG.info("{} is already deleting (sent by an earlier attempt)", binding.resourceId());
        return afterSend(() -> confirmGone(resource, 0));
      }
      throw MigrationFailure.AzureDeletionRefused.failure(
          "Azure resource "
              + binding.resourceId()
              + " is being deleted, but not by this run: someone else deleted it in Azure;"
              + " check where the projects are");
    }
    try {
      requireSourceEmpty(input.sourceOrgId(), binding.resourceId());
    } catch (ApplicationFailure refused) {
      throw sentBefore ? outcomeUnknown(refused) : refused;
    }
    LOG.info(
        "source org {} is empty and administered by the key; deleting {}",
        input.sourceOrgId(),
        binding.resourceId());
    heartbeat(new ArmDeletionProgress(null, 0, true));
    return afterSend(() -> deleteAndWatch(resource));
  }

  private AzureDeletion deleteAndWatch(AzureResource resource) {
    DeletionState state = arm.delete(resource);
    int polls = 0;
    if (state instanceof DeletionState.Running running) {
      heartbeat(new ArmDeletionProgress(running.location(), 0, true));
      polls = pollToEnd(running.location(), running.retryAfter(), 0, false);
    }
    return confirmGone(resource, polls);
  }

  /**
   * The operation said done (or ARM said 204/404): believe it only when a GET of the resource says
   * {@code ResourceNotFound}; while it still shows Deleting, keep watching.
   */
  private AzureDeletion confirmGone(AzureResource resource, int pollsSoFar) {
    int polls = pollsSoFar;
    while (true) {
      Lookup lookup = arm.lookup(resource);
      if (lookup instanceof Lookup.Missing missing) {
        if (missing.resourceItselfIsGone()) {
          LOG.info("Azure resource {} deleted after {} poll(s)", resource.resourceName(), polls);
          return new AzureDeletion(true, false, polls);
        }
        throw outcomeUnknown(
            "ARM answered 404 ("
                + describe(missing)
                + ") when asked whether "
                + ArmClient.resourceId(resource)
                + " is gone");
      }
      String state = ((Lookup.Found) lookup).organization().provisioningState();
      if (!DELETING.equalsIgnoreCase(state)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "DELETE sent, but ARM still shows "
                + ArmClient.resourceId(resource)
                + " with provisioningState "
                + state
                + ": the deletion did not complete; look at the resource in the Azure portal",
            MigrationFailure.AzureDeletionOutcomeUnknown.name());
      }
      pause(pollInterval(Optional.empty()), new ArmDeletionProgress(null, polls, true));
      polls++;
    }
  }

  /**
   * The interlock: deleting the Azure resource deletes every project still in the org, so right
   * now, in this attempt, the key must still administer the source org and a complete, well-formed
   * listing must show it empty. Any doubt refuses.
   */
  private void requireSourceEmpty(String sourceOrgId, String resourceId) {
    String armSays = "ARM says " + resourceId + " exists";
    try {
      AuthDetails auth = neon.auth();
      List<MemberEntry> members = neon.allMembers(sourceOrgId);
      boolean admin =
          auth.accountId() != null
              && members.stream()
                  .anyMatch(
                      m ->
                          m.member() != null
                              && auth.accountId().equals(m.member().userId())
                              && "admin".equalsIgnoreCase(m.member().role()));
      if (!admin) {
        throw MigrationFailure.AzureDeletionRefused.failure(
            "the Neon key's user is not an admin of source org "
                + sourceOrgId
                + " any more (or its members list does not show it), so its project listing"
                + " cannot prove the org empty; nothing was deleted");
      }
      ProjectListPage page = neon.projectPage(sourceOrgId, NeonLimits.PROJECTS_PER_PAGE, null);
      if (!page.projects().isEmpty()) {
        throw MigrationFailure.SourceOrgNotEmpty.failure(
            "source org "
                + sourceOrgId
                + " still has projects (e.g. "
                + page.projects().get(0).id()
                + "); the Azure resource was not deleted");
      }
    } catch (ApplicationFailure failure) {
      throw asRefusal(failure, sourceOrgId, armSays);
    }
  }

  /** Neon's 404, 401/403 and malformed answers become a refusal naming the doubt. */
  private static ApplicationFailure asRefusal(
      ApplicationFailure failure, String sourceOrgId, String armSays) {
    String type = failure.getType();
    String doubt;
    if (MigrationFailure.OrganizationNotFound.name().equals(type)) {
      doubt =
          "Neon says source org "
              + sourceOrgId
              + " does not exist or is not visible to the key, while "
              + armSays
              + " (the key may have lost access, or Neon has an incident)";
    } else if (MigrationFailure.NeonAccessDenied.name().equals(type)) {
      doubt = "Neon refused the key for source org " + sourceOrgId + " (401/403)";
    } else if (NeonFailures.MALFORMED.equals(type)) {
      doubt = "Neon's answer for source org " + sourceOrgId + " was malformed";
    } else if (NeonFailures.REQUEST_REJECTED.equals(type)) {
      doubt = "Neon rejected a read of source org " + sourceOrgId;
    } else {
      return failure; // ours (SourceOrgNotEmpty, AzureDeletionRefused) or retryable
    }
    return MigrationFailure.AzureDeletionRefused.failure(
        doubt + ": " + failure.getOriginalMessage() + "; nothing was deleted");
  }

  /** The resource as ARM describes it must be the one asked for and name the source org. */
  private static AzureBinding bind(
      ArmOrganization organization, String sourceOrgId, AzureResource resource) {
    String expected = ArmClient.resourceId(resource);
    if (organization.id() == null || !organization.id().equalsIgnoreCase(expected)) {
      throw MigrationFailure.AzureResourceMismatch.failure(
          "ARM answered for "
              + expected
              + " with a resource whose id is "
              + organization.id()
              + "; refusing to treat it as the source org's resource");
    }
    if (organization.type() != null && !organization.type().equalsIgnoreCase(RESOURCE_TYPE)) {
      throw MigrationFailure.AzureResourceMismatch.failure(
          expected + " is of type " + organization.type() + ", not " + RESOURCE_TYPE);
    }
    String linked = organization.neonOrganizationId();
    if (linked == null || linked.isBlank()) {
      throw MigrationFailure.AzureResourceMismatch.failure(
          "Azure resource "
              + expected
              + " does not name its Neon org (no properties.partnerOrganizationProperties"
              + ".organizationId), so nothing proves it belongs to "
              + sourceOrgId
              + ": it could be another org's, and deleting it would destroy that org. Check in"
              + " the Azure portal which Neon org it belongs to; this service will not delete it");
    }
    if (!linked.equals(sourceOrgId)) {
      throw MigrationFailure.AzureResourceMismatch.failure(
          "Azure resource "
              + expected
              + " belongs to Neon org "
              + linked
              + ", not to the source "
              + sourceOrgId
              + ": fix the resource name, group or subscription in the request");
    }
    String state =
        organization.properties() == null ? null : organization.properties().provisioningState();
    return new AzureBinding(
        organization.id(),
        linked,
        state,
        "ARM resource "
            + organization.id()
            + " names Neon org "
            + linked
            + " in properties.partnerOrganizationProperties.organizationId");
  }

  private static void requireProven(AzureDeletionInput input, AzureResource resource) {
    String proven = input.provenResourceId();
    if (proven == null || proven.isBlank()) {
      throw MigrationFailure.AzureResourceMismatch.failure(
          "no Azure resource was proven to be " + input.sourceOrgId() + "'s; nothing was deleted");
    }
    if (!proven.equalsIgnoreCase(ArmClient.resourceId(resource))) {
      throw MigrationFailure.AzureResourceMismatch.failure(
          "the resource to delete, "
              + ArmClient.resourceId(resource)
              + ", is not the one proven at DISCOVER, "
              + proven
              + "; nothing was deleted");
    }
  }

  /** Runs what follows a DELETE: any failure from here on says the outcome is unknown. */
  private static AzureDeletion afterSend(Supplier<AzureDeletion> watch) {
    try {
      return watch.get();
    } catch (ApplicationFailure failure) {
      if (MigrationFailure.AzureDeletionOutcomeUnknown.name().equals(failure.getType())) {
        throw failure;
      }
      throw outcomeUnknown(failure);
    }
  }

  private static ApplicationFailure refusedOrUnknown(
      boolean sentBefore, MigrationFailure refusal, String message) {
    return sentBefore ? outcomeUnknown(message) : refusal.failure(message);
  }

  /** Retryable: a later attempt looks at the resource again and resumes watching it. */
  private static ApplicationFailure outcomeUnknown(String message) {
    return ApplicationFailure.newBuilder()
        .setType(MigrationFailure.AzureDeletionOutcomeUnknown.name())
        .setMessage("DELETE sent, outcome unknown: " + message)
        .build();
  }

  private static ApplicationFailure outcomeUnknown(ApplicationFailure cause) {
    ApplicationFailure.Builder unknown =
        ApplicationFailure.newBuilder()
            .setType(MigrationFailure.AzureDeletionOutcomeUnknown.name())
            .setMessage("DELETE sent, outcome unknown: " + cause.getOriginalMessage())
            .setNonRetryable(cause.isNonRetryable());
    if (cause.getNextRetryDelay() != null) {
      unknown.setNextRetryDelay(cause.getNextRetryDelay());
    }
    return unknown.build();
  }

  /** Polls the operation until it is no longer running; returns the number of polls. */
  private int pollToEnd(
      String location, Optional<Duration> firstWait, int pollsSoFar, boolean resumed) {
    int polls = pollsSoFar;
    Optional<Duration> wait = firstWait;
    while (true) {
      // a resumed attempt polls at once: the earlier attempt already waited
      if (!(resumed && polls == pollsSoFar)) {
        pause(pollInterval(wait), new ArmDeletionProgress(location, polls, true));
      }
      DeletionState state = arm.poll(location);
      polls++;
      heartbeat(new ArmDeletionProgress(location, polls, true));
      if (state instanceof DeletionState.Running running) {
        location = running.location();
        wait = running.retryAfter();
        continue;
      }
      return polls;
    }
  }

  private Duration pollInterval(Optional<Duration> retryAfter) {
    Duration wait = retryAfter.orElse(configuration.defaultPollInterval());
    return wait.compareTo(configuration.maxPollInterval()) > 0
        ? configuration.maxPollInterval()
        : wait;
  }

  private static void pause(Duration total, ArmDeletionProgress progress) {
    long deadline = System.nanoTime() + total.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      heartbeat(progress);
      try {
        Thread.sleep(
            Math.max(1, Math.min(Duration.ofNanos(left).toMillis(), HEARTBEAT_EVERY.toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newBuilder()
            .setType("AzureDeletionInterrupted")
            .setMessage("interrupted while waiting to poll the ARM deletion")
            .setCause(e)
            .build();
      }
    }
  }

  /** Recorded, so that a plain heartbeat meanwhile cannot erase "DELETE sent" for a retry. */
  private static void heartbeat(ArmDeletionProgress progress) {
    ActivityHeartbeat.record(progress);
  }

  private static String describe(Lookup.Missing missing) {
    if (missing.code() == null) {
      return "404 without an ARM error body";
    }
    return "404 " + missing.code() + (missing.message() == null ? "" : ": " + missing.message());
  }

  private static AzureResource requireResource(AzureResource azure) {
    if (azure == null
        || azure.subscriptionId() == null
        || !SUBSCRIPTION.matcher(azure.subscriptionId()).matches()
        || azure.resourceGroup() == null
        || !RESOURCE_GROUP.matcher(azure.resourceGroup()).matches()
        || azure.resourceName() == null
        || !RESOURCE_NAME.matcher(azure.resourceName()).matches()) {
      throw MigrationFailure.InvalidMigrationRequest.failure(
          "the Azure resource needs a subscription id (GUID), a resource group and a"
              + " Neon.Postgres organization name: "
              + azure);
    }
    return azure;
  }
}
