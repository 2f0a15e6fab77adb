package org.neonmigrate.workflows.migration;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Optional;
import org.neonmigrate.workflows.activities.ActivityCatalogue;
import org.neonmigrate.workflows.activities.AzureActivities;
import org.neonmigrate.workflows.activities.AzureDeletion;
import org.neonmigrate.workflows.activities.AzureDeletionInput;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.slf4j.Logger;

/**
 * The azure-deletion gate and DELETE_AZURE. A refused deletion keeps the work: the run waits at the
 * gate again with the reason, and a human has it check again (approve) or ends it (reject).
 * Projects that appeared in the source since the approval are moved first, and the approval is
 * asked for again, since it covered only what VERIFY had proved.
 */
final class AzureDeletionStep {
  private static final Logger log = Workflow.getLogger(AzureDeletionStep.class);

  private final ActivityOptions deleteOptions = ActivityCatalogue.AZURE_DELETION;

  private final MigrationRequest request;
  private final MigrationProgress progress;
  private final ApprovalGates gates;
  private final SourceSweep sweep;

  AzureDeletionStep(
      MigrationRequest request,
      MigrationProgress progress,
      ApprovalGates gates,
      SourceSweep sweep) {
    this.request = request;
    this.progress = progress;
    this.gates = gates;
    this.sweep = sweep;
  }

  /** Returns once ARM confirmed the resource is gone. */
  void run() {
    Duration reminderEvery = Duration.ofMinutes(request.reminderMinutesOrDefault());
    String why = verified("") + "; approve to delete " + resourceId();
    String details =
        shortlyVerified()
            + " Approve to delete Azure resource "
            + request.azure().resourceName()
            + ", or reject to end the run.";
    while (true) {
      progress.enter(Step.AZURE_DELETION, "Waiting for approval to delete the Azure resource");
      gates.await(Gate.AZURE_DELETION, why, details, reminderEvery, request.sourceOrgId());
      Optional<ApplicationFailure> refusal = deleteOnce();
      if (refusal.isEmpty()) {
        return;
      }
      ApplicationFailure refused = refusal.get();
      if (!MigrationFailure.AzureDeletionOutcomeUnknown.name().equals(refused.getType())) {
        progress.notifier().interlockRefusal(refused.getType(), refused.getOriginalMessage());
      }
      if (MigrationFailure.SourceOrgNotEmpty.name().equals(refused.getType())) {
        int moved = sweep.moveLeftovers();
        why =
            verified(
                    moved
                        + " project(s) appeared in the source after the approval and were moved"
                        + " and verified too; ")
                + "; the earlier approval covered less, so approve again to delete "
                + resourceId();
        details =
            moved
                + " project(s) appeared in the source after the approval; they were moved too. "
                + shortlyVerified()
                + " Approve again to delete Azure resource "
                + request.azure().resourceName()
                + ", or reject to end the run.";
      } else {
        why =
            "the deletion was refused and nothing was deleted: "
                + refused.getOriginalMessage()
                + ". Fix it, then approve azure-deletion to check again, or reject to end the run";
        if (progress.azureDeletion() == AzureDeletionState.OUTCOME_UNKNOWN) {
          why =
              refused.getOriginalMessage()
                  + ". Look at the resource in the Azure portal; approve azure-deletion to check"
                  + " again, or reject to end the run";
        }
        details = why;
      }
      log.warn("Deletion of {} not done: {}", resourceId(), refused.getOriginalMessage());
    }
  }

  /**
   * One deletion activity, detached so that a cancel cannot leave a sent DELETE half-observed.
   * Empty when the resource is gone; else the failure that stopped it.
   */
  private Optional<ApplicationFailure> deleteOnce() {
    progress.enter(Step.DELETE_AZURE, "Deleting Azure resource " + resourceId());
    AzureActivities azure = Workflow.newActivityStub(AzureActivities.class, deleteOptions);
    AzureDeletionInput input =
        new AzureDeletionInput(
            request.sourceOrgId(),
            request.azure(),
            progress.azureBinding().resourceId(),
            progress.azureDeletion() == AzureDeletionState.OUTCOME_UNKNOWN);
    AzureDeletion[] result = new AzureDeletion[1];
    ApplicationFailure[] failure = new ApplicationFailure[1];
    Workflow.newDetachedCancellationScope(
            () -> {
              try {
                result[0] = azure.deleteAzureResource(input);
              } catch (ActivityFailure e) {
                failure[0] = stoppedBy(e);
              }
            })
        .run();
    if (result[0] != null) {
      progress.setAzureDeletion(
          result[0].alreadyGone() && progress.azureDeletion() == AzureDeletionState.NOT_SENT
              ? AzureDeletionState.ALREADY_GONE
              : AzureDeletionState.DELETED);
      return Optional.empty();
    }
    if (MigrationFailure.AzureDeletionOutcomeUnknown.name().equals(failure[0].getType())) {
      progress.setAzureDeletion(AzureDeletionState.OUTCOME_UNKNOWN);
    }
    return Optional.of(failure[0]);
  }

  /**
   * The activity's own failure; a timeout or other loss (the worker died mid-attempt) is treated as
   * a DELETE that may have been sent.
   */
  private static ApplicationFailure stoppedBy(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure app) {
      return app;
    }
    return ApplicationFailure.newNonRetryableFailure(
        "DELETE sent, outcome unknown: the deletion activity stopped without an answer ("
            + (failure.getCause() == null
                ? failure.getMessage()
                : failure.getCause().getClass().getSimpleName())
            + ")",
        MigrationFailure.AzureDeletionOutcomeUnknown.name());
  }

  private String verified(String extra) {
    return "all "
        + progress.projects().total()
        + " projects verified in "
        + request.destinationOrgId()
        + " and the source is empty; "
        + extra
        + progress.azureBinding().proof();
  }

  /** The gist of {@link #verified} for the Web UI: the ARM proof is in the status query. */
  private String shortlyVerified() {
    return "all %d projects verified in %s, and %s is empty."
        .formatted(progress.projects().total(), request.destinationOrgId(), request.sourceOrgId());
  }

  private String resourceId() {
    return progress.azureBinding().resourceId();
  }
}
