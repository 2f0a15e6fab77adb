package org.neonmigrate.activities;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.neonmigrate.activities.azure.ArmClient;
import org.neonmigrate.activities.azure.ArmClient.DeletionState;
import org.neonmigrate.activities.azure.ArmConfiguration;
import org.neonmigrate.activities.azure.ArmDeletionProgress;
import org.neonmigrate.activities.azure.ArmOrganization;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.activities.neon.model.ProjectListPage;
import org.neonmigrate.workflows.activities.AzureActivities;
import org.neonmigrate.workflows.activities.AzureDeletion;
import org.neonmigrate.workflows.activities.AzureDeletionInput;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.migration.AzureResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
public class AzureActivitiesImpl implements AzureActivities {

  private static final Logger LOG = LoggerFactory.getLogger(AzureActivitiesImpl.class);

  /** ARM's constraint on {@code organizationName}. */
  private static final Pattern RESOURCE_NAME =
      Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_\\-.: ]{0,49}$");

  private static final Pattern SUBSCRIPTION = Pattern.compile("^[0-9a-fA-F-]{36}$");

  private static final Pattern RESOURCE_GROUP = Pattern.compile("^[-\\w._()]{1,90}$");

  /** Heartbeat at least this often while waiting between polls. */
  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);

  private final NeonClient neon;
  private final ArmClient arm;
  private final ArmConfiguration configuration;

  public AzureActivitiesImpl(NeonClient neon, ArmClient arm, ArmConfiguration configuration) {
    this.neon = neon;
    this.arm = arm;
    this.configuration = configuration;
  }

  @Override
  public AzureDeletion deleteAzureResource(AzureDeletionInput input) {
    Requests.requireOrgIds(input.sourceOrgId());
    AzureResource resource = requireResource(input.azure());
    Optional<ArmDeletionProgress> saved =
        ActivityHeartbeat.context()
            .flatMap(ctx -> ctx.getHeartbeatDetails(ArmDeletionProgress.class));
    if (saved.isPresent() && saved.get().location() != null) {
      // the DELETE was sent by an earlier attempt: only its operation is left to watch
      LOG.info(
          "resuming the deletion of {} after {} poll(s)",
          resource.resourceName(),
          saved.get().polls());
      return pollToEnd(saved.get().location(), Optional.empty(), saved.get().polls(), true);
    }
    Optional<ArmOrganization> current = arm.organization(resource);
    if (current.isEmpty()) {
      LOG.info("Azure resource {} does not exist any more", resource.resourceName());
      return new AzureDeletion(true, true, 0);
    }
    requireLinkedTo(current.get(), input.sourceOrgId(), resource);
    requireSourceEmpty(input.sourceOrgId());
    LOG.info(
        "source org {} is empty; deleting Azure resource {}",
        input.sourceOrgId(),
        resource.resourceName());
    DeletionState state = arm.delete(resource);
    if (state instanceof DeletionState.Gone) {
      return new AzureDeletion(true, true, 0);
    }
    if (state instanceof DeletionState.Running running) {
      heartbeat(new ArmDeletionProgress(running.location(), 0));
      return pollToEnd(running.location(), running.retryAfter(), 0, false);
    }
    return new AzureDeletion(true, false, 0);
  }

  /**
   * The interlock: deleting the Azure resource deletes every project still in the org, so the
   * source must be empty right now, checked in this attempt just before the DELETE.
   */
  private void requireSourceEmpty(String sourceOrgId) {
    Optional<ProjectListPage> page = neon.projectPageIfOrgExists(sourceOrgId, 1);
    if (page.isEmpty()) {
      LOG.info("source org {} is gone on the Neon side", sourceOrgId);
      return;
    }
    if (page.get().projects() != null && !page.get().projects().isEmpty()) {
      throw MigrationFailure.SourceOrgNotEmpty.failure(
          "source org "
              + sourceOrgId
              + " still has projects (e.g. "
              + page.get().projects().get(0).id()
              + "); the Azure resource was not deleted");
    }
  }

  /** ARM names the Neon org behind the resource; a mismatch means the wrong resource was given. */
  private static void requireLinkedTo(
      ArmOrganization current, String sourceOrgId, AzureResource resource) {
    String linked = current.neonOrganizationId();
    if (linked != null && !linked.isBlank() && !linked.equals(sourceOrgId)) {
      throw MigrationFailure.AzureDeletionFailed.failure(
          "Azure resource "
              + resource.resourceName()
              + " belongs to Neon org "
              + linked
              + ", not to the source "
              + sourceOrgId
              + "; refusing to delete it");
    }
  }

  private AzureDeletion pollToEnd(
      String location, Optional<Duration> firstWait, int pollsSoFar, boolean resumed) {
    int polls = pollsSoFar;
    Optional<Duration> wait = firstWait;
    while (true) {
      // a resumed attempt polls at once: the earlier attempt already waited
      if (!(resumed && polls == pollsSoFar)) {
        pause(pollInterval(wait), new ArmDeletionProgress(location, polls));
      }
      DeletionState state = arm.poll(location);
      polls++;
      heartbeat(new ArmDeletionProgress(location, polls));
      if (state instanceof DeletionState.Running running) {
        location = running.location();
        wait = running.retryAfter();
        continue;
      }
      LOG.info("Azure resource deleted after {} poll(s)", polls);
      return new AzureDeletion(true, false, polls);
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

  private static void heartbeat(ArmDeletionProgress progress) {
    ActivityHeartbeat.context()
        .ifPresent((ActivityExecutionContext ctx) -> ctx.heartbeat(progress));
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
