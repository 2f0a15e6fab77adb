package org.neonmigrate.workflows.migration;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.neonmigrate.workflows.NeonLimits;
import org.neonmigrate.workflows.activities.ActivityCatalogue;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.activities.TransferActivities;
import org.neonmigrate.workflows.activities.TransferChunk;
import org.neonmigrate.workflows.activities.TransferOutcome;
import org.slf4j.Logger;

/**
 * TRANSFER: moves the projects in chunks of at most 400 (Neon's limit per call), first everything
 * without integrations, then the blocked ones once a human says their integrations are gone.
 */
final class TransferStep {
  private static final Logger log = Workflow.getLogger(TransferStep.class);
  static final int CHUNK_SIZE = NeonLimits.PROJECTS_PER_TRANSFER;
  private static final int BLOCKERS_NAMED_IN_REASON = 5;

  private final ActivityOptions transferOptions = ActivityCatalogue.TRANSFER;

  private final ActivityOptions locateOptions = ActivityCatalogue.LOCATE_AFTER_CANCEL;

  private final MigrationRequest request;
  private final MigrationProgress progress;
  private final ApprovalGates gates;
  private final PlanUpgradeGate planUpgrade;

  TransferStep(
      MigrationRequest request,
      MigrationProgress progress,
      ApprovalGates gates,
      PlanUpgradeGate planUpgrade) {
    this.request = request;
    this.progress = progress;
    this.gates = gates;
    this.planUpgrade = planUpgrade;
  }

  void run() {
    ProjectInventory projects = progress.projects();
    progress.enter(Step.TRANSFER, "Transferring " + projects.movableCount() + " projects");
    // blocked by integrations found at inventory; a transfer's 422 answers add to it below
    MigrationMetrics.projectsMoved(0, projects.blockers().size());
    transferAll(projects.movableIds(), "transfer");
    Duration reminderEvery = Duration.ofMinutes(request.reminderMinutesOrDefault());
    String why = blockedReason("projects are blocked by integrations");
    while (projects.hasBlockers()) {
      gates.await(Gate.BLOCKERS_RESOLVED, why, reminderEvery, request.sourceOrgId());
      progress.describe(
          "Transferring " + projects.blockedIds().size() + " formerly blocked projects");
      transferAll(projects.blockedIds(), "transfer formerly blocked");
      why = blockedReason("projects are still blocked by integrations");
    }
  }

  private void transferAll(List<String> ids, String label) {
    List<List<String>> chunks = ProjectInventory.inChunks(ids, CHUNK_SIZE);
    for (int i = 0; i < chunks.size(); i++) {
      transferChunk(chunks.get(i), label + " chunk " + (i + 1) + "/" + chunks.size());
    }
  }

  /** One chunk; a 406 an upgrade can fix sends the run to the plan-upgrade gate, then retries. */
  private void transferChunk(List<String> chunk, String label) {
    ProjectInventory projects = progress.projects();
    List<String> ids = chunk;
    while (!ids.isEmpty()) {
      String summary = label + " (" + MigrationTexts.projects(ids.size()) + ")";
      progress.describe("Transferring: " + summary);
      TransferChunk transfer =
          new TransferChunk(request.sourceOrgId(), request.destinationOrgId(), ids);
      // once the run is cancelled the call below fails at once, sending nothing
      boolean cancelledBefore = CancellationScope.current().isCancelRequested();
      TransferOutcome outcome;
      try {
        outcome = transfers(summary).transferProjects(transfer);
      } catch (ActivityFailure failure) {
        if (!cancelledBefore) {
          locateAfterCancel(transfer, summary);
        }
        throw failure;
      }
      List<String> transferred = outcome.transferred() == null ? List.of() : outcome.transferred();
      List<BlockedProject> blocked = outcome.blocked() == null ? List.of() : outcome.blocked();
      projects.markTransferred(transferred);
      projects.markBlocked(blocked);
      MigrationMetrics.projectsMoved(transferred.size(), blocked.size());
      if (outcome.limits() == null || outcome.limits().isEmpty()) {
        return;
      }
      String limits = String.join("; ", outcome.limits());
      if (!outcome.planUpgradeWouldHelp()) {
        throw MigrationFailure.TransferLimitsUnsatisfied.failure(
            "Neon refused the transfer and a plan upgrade would not help: " + limits);
      }
      planUpgrade.pass("a transfer was refused by the destination plan's limits: " + limits);
      progress.enter(Step.TRANSFER, "Retrying " + label + " after the plan upgrade");
      ids = ids.stream().filter(id -> !projects.isInDestination(id)).toList();
    }
  }

  /**
   * A cancel that found no attempt running (between retries) leaves a POST's fate unknown: wait it
   * out and record where the chunk's projects are before the run reports them.
   */
  private void locateAfterCancel(TransferChunk transfer, String summary) {
    if (!CancellationScope.current().isCancelRequested()) {
      return;
    }
    Workflow.newDetachedCancellationScope(
            () -> {
              try {
                TransferOutcome where =
                    Workflow.newActivityStub(
                            TransferActivities.class,
                            locateOptions.toBuilder()
                                .setSummary("locate after cancel: " + summary)
                                .build())
                        .locateChunk(transfer);
                progress
                    .projects()
                    .markTransferred(where.transferred() == null ? List.of() : where.transferred());
              } catch (ActivityFailure e) {
                log.warn(
                    "Could not locate the chunk's projects after the cancel: {}", e.getMessage());
              }
            })
        .run();
  }

  private String blockedReason(String lead) {
    List<BlockedProject> blockers = progress.projects().blockers();
    String named =
        blockers.stream()
            .limit(BLOCKERS_NAMED_IN_REASON)
            .map(b -> b.projectId() + " (" + integrations(b) + ")")
            .collect(Collectors.joining(", "));
    String more =
        blockers.size() > BLOCKERS_NAMED_IN_REASON
            ? " and " + (blockers.size() - BLOCKERS_NAMED_IN_REASON) + " more"
            : "";
    return blockers.size()
        + " "
        + lead
        + ": "
        + named
        + more
        + "; remove the integrations in the Neon Console, then approve blockers-resolved";
  }

  private static String integrations(BlockedProject project) {
    return project.integrations() == null || project.integrations().isEmpty()
        ? "integrations"
        : String.join(", ", project.integrations());
  }

  private TransferActivities transfers(String summary) {
    return Workflow.newActivityStub(
        TransferActivities.class, transferOptions.toBuilder().setSummary(summary).build());
  }
}
