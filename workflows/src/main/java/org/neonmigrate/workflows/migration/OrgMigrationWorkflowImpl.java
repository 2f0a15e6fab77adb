package org.neonmigrate.workflows.migration;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.HashSet;
import java.util.Set;
import org.neonmigrate.workflows.activities.ActivityCatalogue;
import org.neonmigrate.workflows.activities.DiscoveryActivities;
import org.neonmigrate.workflows.activities.ProjectPage;
import org.neonmigrate.workflows.activities.ProjectPageInput;
import org.neonmigrate.workflows.activities.ProjectSnapshot;
import org.neonmigrate.workflows.activities.VerifyActivities;
import org.slf4j.Logger;

/**
 * DISCOVER, PLAN, gates, TRANSFER, RECONFIGURE, VERIFY, then DELETE_AZURE. Each step lives in its
 * own class; this one wires them together, owns the message handlers and decides how the run ends
 * (completed, failed with the report kept, or cancelled with the report saying where projects are).
 */
public class OrgMigrationWorkflowImpl implements OrgMigrationWorkflow {
  private static final Logger log = Workflow.getLogger(OrgMigrationWorkflowImpl.class);

  private final ActivityOptions afterCancelOptions = ActivityCatalogue.AFTER_CANCEL_READS;

  private final MigrationRequest request;
  private final MigrationProgress progress;
  private final ApprovalGates gates;

  @WorkflowInit
  public OrgMigrationWorkflowImpl(MigrationRequest request) {
    this.request = request;
    this.progress = new MigrationProgress(request);
    this.gates = new ApprovalGates(progress, request == null ? null : request.requestedBy());
  }

  @Override
  public MigrationReport migrate(MigrationRequest input) {
    // input is the same request the @WorkflowInit constructor already holds.
    try {
      RequestValidation.check(request);
    } catch (ApplicationFailure invalid) {
      progress.fail(typeOf(invalid), errorOf(invalid));
      progress.finish();
      throw invalid;
    }
    progress.start();
    try {
      runSteps();
    } catch (TemporalFailure failure) {
      if (CancellationScope.current().isCancelRequested()) {
        stopAfterCancel();
        Workflow.newDetachedCancellationScope(progress::finish).run();
        throw failure instanceof CanceledFailure canceled
            ? canceled
            : new CanceledFailure("cancelled at step " + progress.step());
      }
      progress.fail(typeOf(failure), errorOf(failure));
      log.warn("Migration of {} failed: {}", request.sourceOrgId(), errorOf(failure));
      progress.finish();
      throw failure;
    }
    // Detached: a cancel that arrived during the deletion must not cut this wait short. The SDK
    // still closes such a run as Cancelled; the report query tells the deletion finished.
    Workflow.newDetachedCancellationScope(
            () -> {
              progress.finish();
              Workflow.await(Workflow::isEveryHandlerFinished);
            })
        .run();
    return progress.report();
  }

  private void runSteps() {
    DiscoveryStep discovery = new DiscoveryStep(request, progress);
    PlanUpgradeGate planUpgrade = new PlanUpgradeGate(request, progress, gates, discovery);
    MigrationPlan plan = discovery.discoverAndPlan();
    if (request.dryRun()) {
      progress.describe("Dry run: plan ready, nothing changed");
      return;
    }
    if (plan.planUpgradeNeeded()) {
      planUpgrade.pass(plan.planUpgradeReason());
    }
    TransferStep transfer = new TransferStep(request, progress, gates, planUpgrade);
    ReconfigureStep reconfigure = new ReconfigureStep(request, progress);
    VerifyStep verify = new VerifyStep(request, progress);
    SourceSweep sweep = new SourceSweep(request, progress, transfer, reconfigure, verify);
    transfer.run();
    reconfigure.run();
    verify.verify(progress.projects().checks());
    sweep.moveLeftovers();
    new AzureDeletionStep(request, progress, gates, sweep).run();
    progress.enter(
        Step.COMPLETED,
        "Migration completed: %d projects in %s; Azure resource %s %s"
            .formatted(
                progress.projects().inDestinationIds().size(),
                request.destinationOrgId(),
                request.azure().resourceName(),
                progress.azureDeletion() == AzureDeletionState.ALREADY_GONE
                    ? "was already gone"
                    : "deleted"));
  }

  /** Works out where every project is, then marks the run CANCELLED. */
  private void stopAfterCancel() {
    Step stoppedAt = progress.step();
    Workflow.newDetachedCancellationScope(this::locateProjects).run();
    ProjectCounts counts = progress.projects().counts();
    progress.addActionForHumans(
        "cancelled at step "
            + stoppedAt
            + ": "
            + counts.transferred()
            + " of "
            + counts.total()
            + " projects are in "
            + request.destinationOrgId()
            + ", the rest are still in "
            + request.sourceOrgId()
            + (progress.azureDeletion() == AzureDeletionState.NOT_SENT
                ? "; the Azure resource was not deleted"
                : ""));
    progress.cancelled("Cancelled at step " + stoppedAt);
  }

  private void locateProjects() {
    ProjectInventory projects = progress.projects();
    if (projects.total() == 0) {
      return;
    }
    try {
      int inSource =
          Workflow.newActivityStub(
                  VerifyActivities.class,
                  afterCancelOptions.toBuilder()
                      .setSummary("count projects left in source after cancel")
                      .build())
              .countProjects(request.sourceOrgId());
      if (inSource != projects.inSourceIds().size()) {
        // A transfer was in flight when the cancel came: list the source to know exactly.
        projects.reconcileWithSource(listSourceProjectIds());
      }
    } catch (ActivityFailure e) {
      log.warn("Could not confirm where projects are after the cancel: {}", e.getMessage());
      progress.addActionForHumans(
          "project positions below are as last observed; Neon did not answer after the cancel");
    }
  }

  private Set<String> listSourceProjectIds() {
    DiscoveryActivities discovery =
        Workflow.newActivityStub(
            DiscoveryActivities.class,
            afterCancelOptions.toBuilder().setSummary("list source projects after cancel").build());
    Set<String> ids = new HashSet<>();
    String cursor = null;
    do {
      ProjectPage page =
          discovery.inventoryProjects(
              new ProjectPageInput(request.sourceOrgId(), cursor, DiscoveryStep.PAGE_SIZE));
      for (ProjectSnapshot project : page.projects()) {
        ids.add(project.id());
      }
      cursor = page.nextCursor();
    } while (cursor != null && !cursor.isBlank());
    return ids;
  }

  /** "Type: message" of the innermost failure, e.g. "VerificationFailed: 2 projects ...". */
  private static String errorOf(TemporalFailure failure) {
    return typeOf(failure) + ": " + rootOf(failure).getOriginalMessage();
  }

  /** The innermost failure's type word, e.g. "VerificationFailed" or "TimeoutFailure". */
  private static String typeOf(TemporalFailure failure) {
    TemporalFailure root = rootOf(failure);
    return root instanceof ApplicationFailure app ? app.getType() : root.getClass().getSimpleName();
  }

  private static TemporalFailure rootOf(TemporalFailure failure) {
    Throwable cause = failure;
    while (cause.getCause() instanceof TemporalFailure) {
      cause = cause.getCause();
    }
    return (TemporalFailure) cause;
  }

  @Override
  public void approve(Approval approval) {
    gates.approve(approval);
  }

  @Override
  public void reject(Rejection rejection) {
    gates.reject(rejection);
  }

  @Override
  public MigrationStatus status() {
    return progress.status();
  }

  @Override
  public MigrationReport report() {
    return progress.report();
  }

  @Override
  public MigrationStatus decide(Decision decision) {
    gates.decide(decision);
    return progress.status();
  }

  @Override
  public void validateDecide(Decision decision) {
    gates.validate(decision);
  }
}
