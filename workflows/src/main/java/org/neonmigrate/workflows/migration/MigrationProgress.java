package org.neonmigrate.workflows.migration;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.activities.AzureBinding;
import org.neonmigrate.workflows.activities.OperatorNotification;

/**
 * Everything the {@code status} and {@code report} queries show, kept up to date by the steps. The
 * step is mirrored into the {@code MigrationStep} search attribute so the Web UI can list runs by
 * step.
 */
final class MigrationProgress {
  private final MigrationRequest request;
  private final ProjectInventory projects = new ProjectInventory();
  private final List<ApprovalRecord> approvals = new ArrayList<>();
  private final List<String> replacementApiKeys = new ArrayList<>();
  private final List<String> actionsForHumans = new ArrayList<>();
  private Step step = Step.DISCOVER;
  private Gate awaitingGate;
  private String awaitingReason;
  private MigrationPlan plan;
  private int membersInvited;
  private int collaboratorsGranted;
  private AzureBinding azureBinding;
  private AzureDeletionState azureDeletion = AzureDeletionState.NOT_SENT;
  private final List<RefusedDecision> refusedDecisions = new ArrayList<>();
  private String error;
  private String failureType = "none";
  private Step stoppedAt;
  private boolean started;
  private int historyVersion = Workflow.DEFAULT_VERSION;
  private boolean compact;
  private Step stepShown;
  private final BatchReporter batch;
  private final OperatorNotifier notifier;

  MigrationProgress(MigrationRequest request) {
    this.request = request;
    this.batch = BatchReporter.forRequest(request);
    this.notifier = new OperatorNotifier(request);
  }

  /**
   * Sets the search attributes that identify the run, where its starter did not already (the REST
   * API and the batch do); call once the request is valid.
   */
  void start() {
    historyVersion = CompactHistory.version();
    compact = historyVersion >= 1;
    if (compact) {
      notifier.knownEnabled();
      List<SearchAttributeUpdate<?>> missing = new ArrayList<>();
      setIfDifferent(missing, MigrationNames.SOURCE_ORG_ID, request.sourceOrgId());
      if (request.batchId() != null && !request.batchId().isBlank()) {
        setIfDifferent(missing, MigrationNames.BATCH_ID, request.batchId());
      }
      setIfDifferent(missing, MigrationNames.MIGRATION_STEP, Step.DISCOVER.name());
      if (!missing.isEmpty()) {
        Workflow.upsertTypedSearchAttributes(missing.toArray(SearchAttributeUpdate<?>[]::new));
      }
      stepShown = Step.DISCOVER;
    } else {
      Workflow.upsertTypedSearchAttributes(
          MigrationNames.SOURCE_ORG_ID.valueSet(request.sourceOrgId()));
      if (request.batchId() != null && !request.batchId().isBlank()) {
        Workflow.upsertTypedSearchAttributes(MigrationNames.BATCH_ID.valueSet(request.batchId()));
      }
    }
    started = true;
    MigrationMetrics.started(request.dryRun());
    enter(Step.DISCOVER, "Reading both organizations");
  }

  private static void setIfDifferent(
      List<SearchAttributeUpdate<?>> updates, SearchAttributeKey<String> key, String value) {
    if (!value.equals(Workflow.getTypedSearchAttributes().get(key))) {
      updates.add(key.valueSet(value));
    }
  }

  void enter(Step next, String details) {
    step = next;
    showStep();
    describe(details);
    batch.stepEntered(next, status());
  }

  /**
   * For a step the run leaves within the same workflow task (PLAN, unless it is a dry run's last):
   * the status query shows it, the {@code MigrationStep} search attribute only if the run ends
   * there, since an upsert the next step overwrites in the same task is an event nobody sees.
   */
  void enterInPassing(Step next, String details) {
    if (!compact) {
      enter(next, details);
      return;
    }
    step = next;
    describe(details);
  }

  /** Brings the {@code MigrationStep} search attribute up to the step; one event if it changes. */
  private void showStep() {
    if (compact && step == stepShown) {
      return;
    }
    Workflow.upsertTypedSearchAttributes(MigrationNames.MIGRATION_STEP.valueSet(step.name()));
    stepShown = step;
  }

  /** Whether this run keeps its history short (see {@link CompactHistory}). */
  boolean compactHistory() {
    return compact;
  }

  /** Whether the first grant chunk's activity sends the invitations too. */
  boolean invitationsWithGrants() {
    return historyVersion >= CompactHistory.INVITATIONS_WITH_GRANTS;
  }

  /**
   * The last word to the batch (if any) and to the operators: the final step and outcome. Call
   * once, at the end; it waits a bounded time for the operators' notification.
   */
  void finish() {
    if (compact) {
      showStep();
    }
    batch.finish(status());
    String outcome =
        switch (step) {
          case FAILED -> OperatorNotification.KIND_FAILED;
          case CANCELLED -> OperatorNotification.KIND_CANCELLED;
          default -> OperatorNotification.KIND_COMPLETED;
        };
    MigrationMetrics.finished(outcome, stoppedAt == null ? step : stoppedAt, failureType);
    if (started) {
      // a request refused as invalid is answered to its starter; operators hear of real runs
      notifier.finished(outcome, stoppedAt == null ? step : stoppedAt, error, projects.counts());
    }
  }

  OperatorNotifier notifier() {
    return notifier;
  }

  void describe(String details) {
    Workflow.setCurrentDetails(details);
  }

  void openGate(Gate gate, String reason) {
    awaitingGate = gate;
    awaitingReason = reason;
    batch.gateOpened(status());
  }

  /** The run took a decision at its gate and goes on. */
  void closeGate() {
    clearGate();
    batch.gateLeft(status());
  }

  private void clearGate() {
    awaitingGate = null;
    awaitingReason = null;
  }

  Gate awaitingGate() {
    return awaitingGate;
  }

  void recordDecision(Gate gate, String approver, String comment, boolean approved) {
    String at = Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
    approvals.add(new ApprovalRecord(gate.wireName(), approver, at, comment, approved));
  }

  /** Kept bounded: a flood of refused signals must not grow the run's state. */
  private static final int REFUSED_DECISIONS_KEPT = 20;

  void recordRefusedDecision(String gate, String approver, String reason) {
    if (refusedDecisions.size() >= REFUSED_DECISIONS_KEPT) {
      refusedDecisions.remove(0);
    }
    String at = Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
    refusedDecisions.add(new RefusedDecision(gate, approver, at, reason));
  }

  /**
   * @param type the failure's type word (e.g. {@code VerificationFailed}), a metrics tag
   */
  void fail(String type, String message) {
    stoppedAt = step;
    failureType = type;
    error = message;
    noteDeletionOutcome();
    clearGate();
    enter(Step.FAILED, "Failed: " + message);
  }

  void cancelled(String details) {
    stoppedAt = step;
    noteDeletionOutcome();
    clearGate();
    enter(Step.CANCELLED, details);
  }

  Step step() {
    return step;
  }

  ProjectInventory projects() {
    return projects;
  }

  MigrationPlan plan() {
    return plan;
  }

  void setPlan(MigrationPlan plan) {
    this.plan = plan;
  }

  void addMembersInvited(int count) {
    membersInvited += count;
  }

  void addCollaboratorsGranted(int count) {
    collaboratorsGranted += count;
  }

  void addReplacementApiKeys(List<String> names) {
    replacementApiKeys.addAll(names);
  }

  void setAzureBinding(AzureBinding binding) {
    this.azureBinding = binding;
  }

  AzureBinding azureBinding() {
    return azureBinding;
  }

  void setAzureDeletion(AzureDeletionState state) {
    this.azureDeletion = state;
  }

  AzureDeletionState azureDeletion() {
    return azureDeletion;
  }

  /** A run that ends while a DELETE's outcome is unknown says so, not "not deleted". */
  private void noteDeletionOutcome() {
    if (azureDeletion == AzureDeletionState.OUTCOME_UNKNOWN) {
      addActionForHumans(
          "a DELETE of Azure resource "
              + (azureBinding == null ? request.azure().resourceName() : azureBinding.resourceId())
              + " was sent and its outcome is unknown: look at the resource in the Azure portal"
              + " and at the projects of "
              + request.sourceOrgId());
    }
  }

  void addActionForHumans(String action) {
    actionsForHumans.add(action);
  }

  MigrationStatus status() {
    return new MigrationStatus(
        request == null ? null : request.sourceOrgId(),
        request == null ? null : request.destinationOrgId(),
        step,
        awaitingGate == null ? null : awaitingGate.wireName(),
        awaitingReason,
        projects.counts(),
        projects.blockers(),
        List.copyOf(approvals),
        request != null && request.dryRun(),
        error,
        azureBinding == null ? null : azureBinding.proof(),
        azureDeletion,
        List.copyOf(refusedDecisions));
  }

  MigrationReport report() {
    return new MigrationReport(
        request == null ? null : request.sourceOrgId(),
        request == null ? null : request.destinationOrgId(),
        step,
        request != null && request.dryRun(),
        plan,
        projects.inDestinationIds(),
        projects.inSourceIds(),
        projects.blockers(),
        membersInvited,
        collaboratorsGranted,
        List.copyOf(replacementApiKeys),
        azureDeletion == AzureDeletionState.DELETED
            || azureDeletion == AzureDeletionState.ALREADY_GONE,
        List.copyOf(approvals),
        List.copyOf(actionsForHumans),
        error,
        azureDeletion);
  }
}
