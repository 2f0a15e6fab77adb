package org.neonmigrate.workflows.batch;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.neonmigrate.workflows.MigrationNames;
import org.slf4j.Logger;

/**
 * A sliding window over {@code OrgMigration} children.
 *
 * <p>Progress arrives by the {@code childProgress} signal, so nothing here waits on a child's
 * promise: after continue-as-new the batch knows its children only by their reports. A child that
 * closes without its final report is noticed by its promise in the run that started it, otherwise
 * by a {@code progressProbe} that cannot be delivered (a closed run takes no signals); either way
 * its row is closed with an error and its slot freed.
 *
 * <p>Continue-as-new, so that every run's history stays bounded however large the batch: once the
 * history reaches {@code continueAsNewAfterEvents} (default 10,000; a run may overshoot by one
 * wake-up's worth: at most ~3 events per start), when Temporal suggests it, or when {@value
 * #MAX_OPEN_CHILDREN_PER_RUN} children of this run are open. Before it, every start of this run is
 * confirmed and every handler has finished, so no org and no signal is lost: a signal arriving
 * after that point makes Temporal retry the decision with the signal applied first.
 */
public class BatchMigrationWorkflowImpl implements BatchMigrationWorkflow {
  private static final Logger log = Workflow.getLogger(BatchMigrationWorkflowImpl.class);

  /** Half of Temporal's default limit of 2,000 pending children per run. */
  static final int MAX_OPEN_CHILDREN_PER_RUN = 1_000;

  /** A probe adds two events; this bounds what one sweep adds to the history. */
  static final int MAX_PROBES_PER_SWEEP = 200;

  private final BatchLedger ledger;
  private final ChildMigrations children;
  private final BatchDigests digests;
  private final List<Promise<Void>> inFlight = new ArrayList<>();
  private Promise<Void> probeTimer;
  private boolean draining;

  @WorkflowInit
  public BatchMigrationWorkflowImpl(BatchRequest request) {
    ledger = new BatchLedger(request, Workflow.currentTimeMillis());
    children = new ChildMigrations(ledger);
    digests = new BatchDigests(ledger, request.digestInterval().orElse(null));
  }

  @Override
  public BatchReport migrateAll(BatchRequest request) {
    if (request.state() == null) {
      BatchRequestValidation.check(request);
    }
    if (!request
        .batchId()
        .equals(Workflow.getTypedSearchAttributes().get(MigrationNames.BATCH_ID))) {
      Workflow.upsertTypedSearchAttributes(MigrationNames.BATCH_ID.valueSet(request.batchId()));
    }
    try {
      runWindow(request);
    } catch (CanceledFailure e) {
      cancelChildren();
      Workflow.newDetachedCancellationScope(digests::last).run();
      throw e;
    }
    digests.last();
    Workflow.await(Workflow::isEveryHandlerFinished);
    log.info("batch {} finished: {} orgs", request.batchId(), ledger.total());
    return BatchViews.report(ledger);
  }

  private void runWindow(BatchRequest request) {
    int maxEvents = request.continueAsNewAfterEventsOrDefault();
    Duration probeInterval = Duration.ofMinutes(request.probeIntervalMinutesOrDefault());
    while (!ledger.everyOrgFinished()) {
      if (probeTimer == null && ledger.anyStartedUnfinished()) {
        probeTimer = Workflow.newTimer(probeInterval);
      }
      digests.arm();
      Workflow.await(
          () ->
              ledger.everyOrgFinished()
                  || mayStart()
                  || probeDue()
                  || digests.due()
                  || continueAsNewDue(maxEvents));
      while (mayStart()) {
        inFlight.add(children.start(ledger.startNext(Workflow.currentTimeMillis())));
      }
      if (probeDue()) {
        probeTimer = null;
        long silentSince = Workflow.currentTimeMillis() - probeInterval.toMillis();
        inFlight.add(children.probe(ledger.silentSince(silentSince, MAX_PROBES_PER_SWEEP)));
      }
      inFlight.add(digests.sendIfDue());
      inFlight.removeIf(Promise::isCompleted);
      if (!ledger.everyOrgFinished() && continueAsNewDue(maxEvents)) {
        draining = true;
        // Every progress signal that lands while the run closes makes Temporal refuse the
        // continue-as-new (UnhandledCommand) and the worker replay the whole run; with dozens of
        // children reporting, that repeats without end. So: no new starts, and wait until no child
        // is working (the rest wait for a human or are done) before continuing as new.
        Workflow.await(() -> ledger.slotsInUse() == 0 || ledger.everyOrgFinished());
        if (!ledger.everyOrgFinished()) {
          continueAsNew(request);
        }
        draining = false;
      }
    }
  }

  private boolean mayStart() {
    return !draining
        && ledger.mayStartAnother()
        && children.openInThisRun() < MAX_OPEN_CHILDREN_PER_RUN;
  }

  private boolean probeDue() {
    return probeTimer != null && probeTimer.isCompleted();
  }

  private boolean continueAsNewDue(int maxEvents) {
    WorkflowInfo info = Workflow.getInfo();
    boolean childLimit =
        children.openInThisRun() >= MAX_OPEN_CHILDREN_PER_RUN && ledger.notStartedCount() > 0;
    return info.getHistoryLength() >= maxEvents || info.isContinueAsNewSuggested() || childLimit;
  }

  private void continueAsNew(BatchRequest request) {
    Promise.allOf(inFlight).get();
    Workflow.await(Workflow::isEveryHandlerFinished);
    BatchRequest next = ledger.nextRun(request);
    log.info(
        "batch {} continues as new after {} events: {} not started, {} rows",
        request.batchId(),
        Workflow.getInfo().getHistoryLength(),
        next.state().pending().size(),
        next.state().orgs().size());
    Workflow.continueAsNew(next);
  }

  /** Stops new starts and cancels every run of this batch that has not reached DELETE_AZURE. */
  private void cancelChildren() {
    Workflow.newDetachedCancellationScope(
            () -> {
              ledger.startCancelling();
              Promise.allOf(inFlight).get();
              List<String> targets = ledger.cancellable();
              log.info("batch {} cancelled: cancelling {} runs", ledger.batchId(), targets.size());
              children.cancel(targets);
              Workflow.await(Workflow::isEveryHandlerFinished);
            })
        .run();
  }

  @Override
  public void childProgress(ChildProgress progress) {
    if (progress == null || !ledger.record(progress, Workflow.currentTimeMillis())) {
      log.debug("progress ignored (unknown org or run already final): {}", progress);
      return;
    }
    digests.changed();
  }

  @Override
  public void approveAll(BulkDecision decision) {
    decideBySignal(decision, true);
  }

  @Override
  public void rejectAll(BulkDecision decision) {
    decideBySignal(decision, false);
  }

  /**
   * A signal cannot be refused, and a bad one must not fail the batch: it is logged and dropped.
   */
  private void decideBySignal(BulkDecision decision, boolean approve) {
    try {
      BatchRequestValidation.checkDecision(decision);
    } catch (ApplicationFailure invalid) {
      log.warn("bulk decision ignored: {}", invalid.getOriginalMessage());
      return;
    }
    decide(decision, approve);
  }

  private BulkDecisionResult decide(BulkDecision decision, boolean approve) {
    List<String> waiting = ledger.waitingAt(decision.gate());
    BulkDecisionResult result = children.decide(decision, approve, waiting);
    result.delivered().forEach(id -> ledger.decisionDelivered(id, decision.gate()));
    digests.changed();
    log.info(
        "{} by {} at {}: {} runs reached, {} not",
        approve ? "approval" : "rejection",
        decision.approver(),
        decision.gate(),
        result.delivered().size(),
        result.undelivered().size());
    return result;
  }

  @Override
  public BatchPageAck addMigrations(BatchPage page) {
    BatchPageAck ack = ledger.addPage(page);
    log.info(
        "page {} {}: {} of {} migrations received",
        page.pageNumber(),
        ack.repeated() ? "repeated" : "added",
        ack.received(),
        ack.expectedTotal());
    return ack;
  }

  @Override
  public void validateAddMigrations(BatchPage page) {
    BatchRequestValidation.checkPage(page, ledger);
  }

  @Override
  public void pause(BatchControl control) {
    ledger.pause(control);
  }

  @Override
  public void resume(BatchControl control) {
    ledger.resume();
  }

  @Override
  public BatchProgress progress() {
    return BatchViews.progress(ledger);
  }

  @Override
  public BatchReport report() {
    return BatchViews.report(ledger);
  }
}
