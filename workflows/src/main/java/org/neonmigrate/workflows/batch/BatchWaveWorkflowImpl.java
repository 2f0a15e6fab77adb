package org.neonmigrate.workflows.batch;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.migration.Approval;
import org.neonmigrate.workflows.migration.MigrationReport;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.MigrationTexts;
import org.neonmigrate.workflows.migration.OrgMigrationWorkflow;
import org.neonmigrate.workflows.migration.Rejection;
import org.neonmigrate.workflows.migration.Step;
import org.slf4j.Logger;

/**
 * One wave: its rows, its children, its window. A wave never continues as new (it is at most {@link
 * BatchRequest#MAX_WAVE_SIZE} rows), so it holds every child's promise and learns of each child's
 * end from it; children only signal when they start and stop waiting for a human.
 */
public class BatchWaveWorkflowImpl implements BatchWaveWorkflow {
  private static final Logger log = Workflow.getLogger(BatchWaveWorkflowImpl.class);

  /** How often at most a wave still starting its rows tells the batch its counts. */
  static final Duration REPORT_EVERY = Duration.ofSeconds(5);

  /**
   * While a wave waits for slots it checks this often that its batch still exists (a report to a
   * closed batch cannot be delivered), so a wave of a terminated batch does not wait for good.
   */
  static final Duration BATCH_ALIVE_CHECK = Duration.ofHours(1);

  private final String batchId;
  private final int wave;
  private final String requestedBy;
  private final List<MigrationRequest> notStarted = new ArrayList<>();
  private final Map<String, OrgOutcome> rows = new LinkedHashMap<>();
  private final Map<String, Promise<Void>> childrenClosed = new LinkedHashMap<>();
  private int slots;
  private int nextToStart;
  private int startedAtLastReport;
  private boolean changed = true;
  private boolean batchGone;
  private long lastReportMillis = Long.MIN_VALUE;
  private Promise<Void> reportTimer;
  private Promise<Void> aliveTimer;
  private Promise<Void> lastReport;

  @WorkflowInit
  public BatchWaveWorkflowImpl(WaveRequest request) {
    this.batchId = request.batchId();
    this.wave = request.wave();
    this.requestedBy = request.requestedBy();
    if (request.migrations() != null) {
      for (MigrationRequest m : request.migrations()) {
        if (m != null && m.sourceOrgId() != null && !rows.containsKey(m.sourceOrgId())) {
          notStarted.add(m);
          rows.put(m.sourceOrgId(), OrgOutcome.notStarted(m.sourceOrgId()));
        }
      }
    }
  }

  @Override
  public WaveReport run(WaveRequest request) {
    Workflow.upsertTypedSearchAttributes(MigrationNames.BATCH_ID.valueSet(batchId));
    try {
      BatchRequestValidation.checkWave(request);
    } catch (ApplicationFailure invalid) {
      // the batch counts this wave's rows as failed rather than wait for them
      rows.replaceAll((id, row) -> row.closed(Step.FAILED, invalid.getOriginalMessage()));
      report(true).get();
      throw invalid;
    }
    report(false).get();
    try {
      while (!everyRowFinished() && !batchGone) {
        armTimers();
        Workflow.await(
            () ->
                everyRowFinished() || batchGone || mayStart() || reportDue() || fired(aliveTimer));
        while (mayStart()) {
          start(notStarted.get(nextToStart++));
        }
        if (fired(aliveTimer)) {
          aliveTimer = null;
          changed = true;
        }
        if (reportDue()) {
          report(false);
        }
      }
    } catch (CanceledFailure e) {
      Workflow.newDetachedCancellationScope(this::cancelChildren).run();
      throw e;
    }
    if (batchGone) {
      log.warn("batch {} is closed: wave {} starts nothing more", batchId, wave);
      rows.replaceAll(
          (id, row) -> row.started() ? row : row.closed(null, "not started: the batch had closed"));
      Promise.allOf(childrenClosed.values()).get();
    }
    report(true).get();
    log.info("wave {} of batch {} finished: {} orgs", wave, batchId, rows.size());
    return report();
  }

  private boolean mayStart() {
    return nextToStart < notStarted.size() && working() < slots;
  }

  /**
   * Once every row has started, the batch waits for this wave's slots to free up: each change goes
   * at once. Before that, at once when the first runs have started (so readers see the wave move),
   * then at most every {@link #REPORT_EVERY}.
   */
  private boolean reportDue() {
    if (!changed) {
      return false;
    }
    boolean allStarted = nextToStart == notStarted.size();
    return allStarted
        || (startedAtLastReport == 0 && nextToStart > 0)
        || everyRowFinished()
        || Workflow.currentTimeMillis() - lastReportMillis >= REPORT_EVERY.toMillis();
  }

  private void armTimers() {
    if (changed && reportTimer == null && !reportDue()) {
      reportTimer = Workflow.newTimer(REPORT_EVERY);
      reportTimer.thenApply(
          ignored -> {
            reportTimer = null;
            return null;
          });
    }
    if (aliveTimer == null && nextToStart < notStarted.size()) {
      aliveTimer = Workflow.newTimer(BATCH_ALIVE_CHECK);
    }
  }

  /** Sends the counts to the batch, after the previous report; marks the batch gone if closed. */
  private Promise<Void> report(boolean done) {
    changed = false;
    startedAtLastReport = nextToStart;
    lastReportMillis = Workflow.currentTimeMillis();
    WaveProgress progress = progress(done);
    Promise<Void> previous = lastReport == null ? Workflow.newPromise(null) : lastReport;
    lastReport =
        previous.thenCompose(
            ignored ->
                ExternalSignals.signal(
                        MigrationNames.batchId(batchId),
                        BatchMigrationWorkflow.SIGNAL_WAVE_PROGRESS,
                        progress)
                    .handle(
                        (sent, failure) -> {
                          if (failure != null && ExternalSignals.targetClosed(failure)) {
                            batchGone = true;
                          } else if (failure != null) {
                            log.warn("wave report not delivered: {}", failure.getMessage());
                          }
                          return null;
                        }));
    return lastReport;
  }

  private WaveProgress progress(boolean done) {
    Map<String, Integer> byGate = new TreeMap<>();
    int working = 0;
    int completed = 0;
    int failed = 0;
    int cancelled = 0;
    for (OrgOutcome row : rows.values()) {
      if (row.waitingForHuman()) {
        byGate.merge(row.awaitingGate(), 1, Integer::sum);
      } else if (row.holdsSlot()) {
        working++;
      } else if (row.succeeded()) {
        completed++;
      } else if (row.finished() && row.step() == Step.CANCELLED) {
        cancelled++;
      } else if (row.finished()) {
        failed++;
      }
    }
    int waiting = byGate.values().stream().mapToInt(Integer::intValue).sum();
    int notStartedCount = (int) rows.values().stream().filter(r -> !r.started()).count();
    return new WaveProgress(
        wave,
        rows.size(),
        true,
        notStartedCount,
        working,
        waiting,
        completed,
        failed,
        cancelled,
        byGate,
        done);
  }

  private int working() {
    return (int) rows.values().stream().filter(OrgOutcome::holdsSlot).count();
  }

  private boolean everyRowFinished() {
    return rows.values().stream().allMatch(OrgOutcome::finished);
  }

  private void start(MigrationRequest row) {
    MigrationRequest request =
        new MigrationRequest(
            row.sourceOrgId(),
            row.destinationOrgId(),
            row.azure(),
            row.dryRun(),
            requestedBy,
            row.replaceOrgApiKeys(),
            row.reminderIntervalMinutes(),
            batchId);
    rows.put(row.sourceOrgId(), OrgOutcome.starting(row.sourceOrgId()));
    changed = true;
    OrgMigrationWorkflow child =
        Workflow.newChildWorkflowStub(OrgMigrationWorkflow.class, childOptions(request));
    // Detached: a cancelled wave decides itself which children to cancel (none past DELETE_AZURE).
    Workflow.newDetachedCancellationScope(
            () ->
                childrenClosed.put(
                    row.sourceOrgId(),
                    Async.function(child::migrate, request)
                        .handle(
                            (report, failure) -> {
                              closed(row.sourceOrgId(), report, failure);
                              return null;
                            })))
        .run();
  }

  private ChildWorkflowOptions childOptions(MigrationRequest request) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(MigrationNames.orgMigrationId(request.sourceOrgId()))
        // the wave waits for every child itself; a child must outlive a wave that is terminated
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        // A running migration is never duplicated (its row says so); a closed one may run again:
        // after a dry run the real one must be able to start, and a repeat of a finished
        // migration only finds its source org gone and fails without touching anything.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(MigrationNames.SOURCE_ORG_ID, request.sourceOrgId())
                .set(MigrationNames.BATCH_ID, request.batchId())
                .set(MigrationNames.MIGRATION_STEP, Step.DISCOVER.name())
                .build())
        .setStaticSummary(
            "Batch %s, wave %d: %s → %s%s"
                .formatted(
                    request.batchId(),
                    wave,
                    request.sourceOrgId(),
                    request.destinationOrgId(),
                    request.dryRun() ? " (dry run)" : ""))
        .setStaticDetails(MigrationTexts.staticDetails(request))
        .build();
  }

  /** The child closed: its result or failure is the row's last word. */
  private void closed(String sourceOrgId, MigrationReport report, RuntimeException failure) {
    OrgOutcome row = rows.get(sourceOrgId);
    changed = true;
    if (failure == null) {
      rows.put(sourceOrgId, row.withProgress(fromReport(sourceOrgId, report), now()));
      return;
    }
    Throwable cause = failure instanceof ChildWorkflowFailure ? failure.getCause() : failure;
    if (cause instanceof WorkflowExecutionAlreadyStarted) {
      rows.put(
          sourceOrgId,
          row.closed(
              Step.FAILED,
              "not started: a migration of this org is already running outside this batch;"
                  + " see its own status"));
    } else if (cause instanceof CanceledFailure) {
      rows.put(sourceOrgId, row.closed(Step.CANCELLED, null));
    } else if (cause instanceof TerminatedFailure) {
      rows.put(sourceOrgId, row.closed(Step.FAILED, "terminated: " + cause.getMessage()));
    } else if (cause instanceof TimeoutFailure) {
      rows.put(sourceOrgId, row.closed(Step.FAILED, "timed out"));
    } else if (cause instanceof ApplicationFailure app) {
      rows.put(
          sourceOrgId, row.closed(Step.FAILED, app.getType() + ": " + app.getOriginalMessage()));
    } else {
      rows.put(sourceOrgId, row.closed(Step.FAILED, String.valueOf(cause)));
    }
  }

  private static ChildProgress fromReport(String sourceOrgId, MigrationReport report) {
    if (report == null) {
      return new ChildProgress(sourceOrgId, Step.COMPLETED, null, 0, 0, null, null, true);
    }
    return new ChildProgress(
        sourceOrgId,
        report.finalStep(),
        null,
        report.projectsInDestination() == null ? 0 : report.projectsInDestination().size(),
        report.blockers() == null ? 0 : report.blockers().size(),
        ChildProgress.summarizeApprovals(report.approvals()),
        report.error(),
        true);
  }

  /**
   * A run that has gone past its azure-deletion gate is about to delete, or deleting, the Azure
   * resource: it is not cancelled (its deletion would finish anyway, detached from any cancel).
   * Runs report only their gates, so "past the gate" is the last sure sign.
   */
  private static boolean approvedForDeletion(OrgOutcome row) {
    Step step = row.step();
    return step != null
        && (step.compareTo(Step.AZURE_DELETION) > 0
            || (step == Step.AZURE_DELETION && row.awaitingGate() == null));
  }

  /**
   * Cancels every started run not yet deleting the Azure resource and waits until those closed;
   * runs past that point go on and keep their rows open.
   */
  private void cancelChildren() {
    List<String> targets =
        rows.values().stream()
            .filter(row -> row.started() && !row.finished())
            .filter(row -> !approvedForDeletion(row))
            .map(OrgOutcome::sourceOrgId)
            .toList();
    List<Promise<Void>> requests = new ArrayList<>();
    for (String id : targets) {
      requests.add(
          ExternalSignals.cancel(MigrationNames.orgMigrationId(id))
              .handle((ignored, failure) -> null));
    }
    rows.replaceAll(
        (id, row) -> row.started() ? row : row.closed(Step.CANCELLED, "the batch was cancelled"));
    Promise.allOf(requests).get();
    log.info("wave {} of batch {} cancelled: {} runs asked to stop", wave, batchId, targets.size());
    Promise.allOf(targets.stream().map(childrenClosed::get).toList()).get();
  }

  @Override
  public void childProgress(ChildProgress progress) {
    OrgOutcome row = progress == null ? null : rows.get(progress.sourceOrgId());
    if (row == null || row.finished() || progress.finished()) {
      return; // the child's promise, not a signal, closes a row
    }
    rows.put(progress.sourceOrgId(), row.withProgress(progress, now()));
    changed = true;
  }

  @Override
  public void window(int slots) {
    this.slots = Math.max(0, slots);
  }

  @Override
  public void approveAll(BulkDecision decision) {
    relay(decision, true);
  }

  @Override
  public void rejectAll(BulkDecision decision) {
    relay(decision, false);
  }

  /**
   * Signals the decision to each run waiting at its gate now. Its row changes when the run itself
   * says it left the gate: the run, not the relay, knows whether it took the decision (it refuses
   * e.g. an approval by the requester).
   */
  private void relay(BulkDecision decision, boolean approve) {
    try {
      BatchRequestValidation.checkDecision(decision);
    } catch (ApplicationFailure invalid) {
      log.warn("bulk decision ignored: {}", invalid.getOriginalMessage());
      return;
    }
    String signal = approve ? MigrationNames.SIGNAL_APPROVE : MigrationNames.SIGNAL_REJECT;
    Object payload =
        approve
            ? new Approval(decision.gate(), decision.approver(), decision.comment())
            : new Rejection(decision.gate(), decision.approver(), decision.comment());
    List<Promise<Void>> sends = new ArrayList<>();
    rows.values().stream()
        .filter(row -> row.waitingForHuman() && decision.gate().equals(row.awaitingGate()))
        .forEach(
            row ->
                sends.add(
                    ExternalSignals.signal(
                            MigrationNames.orgMigrationId(row.sourceOrgId()), signal, payload)
                        .handle(
                            (ignored, failure) -> {
                              if (failure != null) {
                                log.info(
                                    "{} not delivered to {}: {}",
                                    signal,
                                    row.sourceOrgId(),
                                    failure.getMessage());
                              }
                              return null;
                            })));
    Promise.allOf(sends).get();
  }

  @Override
  public WaveReport report() {
    List<OrgOutcome> all = List.copyOf(rows.values());
    return new WaveReport(
        batchId,
        wave,
        all.size(),
        (int) all.stream().filter(OrgOutcome::succeeded).count(),
        (int)
            all.stream()
                .filter(r -> r.finished() && !r.succeeded() && r.step() != Step.CANCELLED)
                .count(),
        (int) all.stream().filter(r -> r.finished() && r.step() == Step.CANCELLED).count(),
        all);
  }

  private static boolean fired(Promise<Void> timer) {
    return timer != null && timer.isCompleted();
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
