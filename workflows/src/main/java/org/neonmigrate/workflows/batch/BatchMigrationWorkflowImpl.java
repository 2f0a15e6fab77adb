package org.neonmigrate.workflows.batch;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neonmigrate.workflows.MigrationNames;
import org.slf4j.Logger;

/**
 * How a batch runs, from start to end.
 *
 * <ol>
 *   <li><b>Start.</b> The caller ({@link BatchLaunch}, used by the REST API) cuts the migrations
 *       into waves of at most {@link BatchRequest#MAX_WAVE_SIZE} and starts this workflow with the
 *       waves' sizes only, then one {@code BatchWave} workflow per wave with its rows as input. A
 *       wave's rows live in that wave's history alone, so nothing here grows with the batch but one
 *       line of counts per wave.
 *   <li><b>Arrival.</b> A wave's first act is a {@code waveProgress} signal to this batch. A wave
 *       whose batch is closed finds that signal undeliverable and starts nothing.
 *   <li><b>The window.</b> One wave at a time, in order, is <em>running</em>: the first that has
 *       not started all its rows. The batch sends it, by the {@code window} signal, how many of its
 *       runs may work at once: {@code concurrency} minus what the earlier waves still have working
 *       (0 while paused). A wave that has started all its rows reports each change of its working
 *       count at once, so its freed slots pass to the running wave within one signal. Runs waiting
 *       for a human hold no slot.
 *   <li><b>Runs.</b> A wave starts its rows as {@code OrgMigration} children and learns of each
 *       one's end from the child's promise (a wave never continues as new). Children signal their
 *       wave only when they start and stop waiting at a gate.
 *   <li><b>Humans.</b> {@code approveAll}/{@code rejectAll} are relayed to every wave not done,
 *       which relays them to its runs waiting at that gate; each run applies its own rules (e.g.
 *       another person than the requester approves the deletion) and then tells its wave.
 *   <li><b>End.</b> When every wave has reported {@code done}, the batch closes with the counts;
 *       the rows are in the waves' results ({@link BatchReport#waveWorkflowIds}).
 * </ol>
 *
 * <p>Continue-as-new keeps this run's history short ({@link
 * BatchRequest#CONTINUE_AS_NEW_AFTER_EVENTS}); it carries the waves' last reports and the pause. A
 * wave's signal that lands while a run closes makes Temporal refuse the close and replay the run
 * with the signal applied, so none is lost. Cancellation cancels every wave that has arrived; each
 * cancels its runs that have not reached {@code DELETE_AZURE}.
 */
public class BatchMigrationWorkflowImpl implements BatchMigrationWorkflow {
  private static final Logger log = Workflow.getLogger(BatchMigrationWorkflowImpl.class);

  private final BatchRequest request;
  private final List<Integer> sizes;
  private final Map<Integer, WaveProgress> waves = new TreeMap<>();
  private final Map<Integer, Integer> windowSent = new HashMap<>();
  private final List<Promise<Void>> sends = new ArrayList<>();
  private final BatchDigests digests;
  private final int run;
  private String pausedBy;
  private String pauseReason;
  private boolean cancelling;

  @WorkflowInit
  public BatchMigrationWorkflowImpl(BatchRequest request) {
    this.request = request;
    this.sizes = request.waveSizes() == null ? List.of() : List.copyOf(request.waveSizes());
    BatchState state = request.state();
    if (state != null) {
      state.waves().forEach(w -> waves.put(w.wave(), w));
      pausedBy = state.pausedBy();
      pauseReason = state.pauseReason();
    }
    this.run = state == null ? 1 : state.runs() + 1;
    this.digests = new BatchDigests(request.batchId(), this::progress, request.digestInterval());
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
      while (!everyWaveDone()) {
        digests.arm();
        Workflow.await(
            () -> everyWaveDone() || windowToSend() || digests.due() || continueAsNewDue());
        sendWindow();
        sends.add(digests.sendIfDue());
        sends.removeIf(Promise::isCompleted);
        if (!everyWaveDone() && continueAsNewDue()) {
          Promise.allOf(sends).get();
          Workflow.await(Workflow::isEveryHandlerFinished);
          log.info("batch {} continues as new after {} events", request.batchId(), events());
          Workflow.continueAsNew(
              request.nextRun(
                  new BatchState(List.copyOf(waves.values()), pausedBy, pauseReason, run)));
        }
      }
    } catch (CanceledFailure e) {
      Workflow.newDetachedCancellationScope(this::cancelWaves).run();
      throw e;
    }
    digests.last();
    Workflow.await(Workflow::isEveryHandlerFinished);
    log.info("batch {} finished: {} orgs", request.batchId(), request.total());
    return report();
  }

  /** The first wave that has not started all its rows; -1 when every wave has. */
  private int runningWave() {
    for (int wave = 1; wave <= sizes.size(); wave++) {
      WaveProgress known = waves.get(wave);
      if (known == null || !known.allStarted()) {
        return wave;
      }
    }
    return -1;
  }

  /** The running wave's window: what the other waves leave of {@code concurrency}. */
  private int windowOf(int running) {
    if (pausedBy != null || cancelling) {
      return 0;
    }
    int elsewhere =
        waves.values().stream()
            .filter(w -> w.wave() != running)
            .mapToInt(WaveProgress::working)
            .sum();
    return Math.max(0, request.concurrencyOrDefault() - elsewhere);
  }

  private boolean windowToSend() {
    int running = runningWave();
    return running > 0
        && waves.containsKey(running)
        && !Integer.valueOf(windowOf(running)).equals(windowSent.get(running));
  }

  private void sendWindow() {
    if (!windowToSend()) {
      return;
    }
    int running = runningWave();
    int slots = windowOf(running);
    windowSent.put(running, slots);
    sends.add(
        ExternalSignals.signal(
                MigrationNames.batchWaveId(request.batchId(), running),
                BatchWaveWorkflow.SIGNAL_WINDOW,
                slots)
            .handle(
                (ignored, failure) -> {
                  if (failure != null) {
                    log.warn("window of wave {} not delivered: {}", running, failure.getMessage());
                  }
                  return null;
                }));
  }

  private boolean everyWaveDone() {
    return waves.size() == sizes.size() && waves.values().stream().allMatch(WaveProgress::done);
  }

  private boolean continueAsNewDue() {
    WorkflowInfo info = Workflow.getInfo();
    return info.getHistoryLength() >= BatchRequest.CONTINUE_AS_NEW_AFTER_EVENTS
        || info.isContinueAsNewSuggested();
  }

  private long events() {
    return Workflow.getInfo().getHistoryLength();
  }

  /** Cancels every wave that has arrived and is not done; each cancels its own runs. */
  private void cancelWaves() {
    cancelling = true;
    List<Promise<Void>> requests = new ArrayList<>();
    waves.values().stream()
        .filter(w -> !w.done())
        .forEach(
            w ->
                requests.add(
                    ExternalSignals.cancel(MigrationNames.batchWaveId(request.batchId(), w.wave()))
                        .handle((ignored, failure) -> null)));
    Promise.allOf(requests).get();
    log.info("batch {} cancelled: {} waves asked to stop", request.batchId(), requests.size());
    digests.last();
    Workflow.await(Workflow::isEveryHandlerFinished);
  }

  @Override
  public void waveProgress(WaveProgress progress) {
    if (progress == null || progress.wave() < 1 || progress.wave() > sizes.size()) {
      log.warn("report of an unknown wave ignored: {}", progress);
      return;
    }
    WaveProgress known = waves.get(progress.wave());
    if (known != null && known.done()) {
      return; // a done wave's last word stands
    }
    waves.put(progress.wave(), progress);
    digests.changed();
  }

  @Override
  public void approveAll(BulkDecision decision) {
    relay(decision, SIGNAL_APPROVE_ALL);
  }

  @Override
  public void rejectAll(BulkDecision decision) {
    relay(decision, SIGNAL_REJECT_ALL);
  }

  /**
   * A signal cannot be refused, and a bad one must not fail the batch: logged and dropped. Relayed
   * to the waves that can have runs waiting at the gate, so a caller that repeats a decision does
   * not cost every wave a task.
   */
  private void relay(BulkDecision decision, String signal) {
    try {
      BatchRequestValidation.checkDecision(decision);
    } catch (ApplicationFailure invalid) {
      log.warn("bulk decision ignored: {}", invalid.getOriginalMessage());
      return;
    }
    // the waves with runs waiting at that gate as they last reported, and the running wave, whose
    // reports may lag by up to BatchWaveWorkflowImpl.REPORT_EVERY
    int running = runningWave();
    List<Promise<Void>> relayed = new ArrayList<>();
    waves.values().stream()
        .filter(w -> !w.done())
        .filter(w -> w.wave() == running || w.waitingByGate().getOrDefault(decision.gate(), 0) > 0)
        .forEach(
            w ->
                relayed.add(
                    ExternalSignals.signal(
                            MigrationNames.batchWaveId(request.batchId(), w.wave()),
                            signal,
                            decision)
                        .handle((ignored, failure) -> null)));
    Promise.allOf(relayed).get();
    log.info(
        "{} by {} at {} relayed to {} waves",
        signal,
        decision.approver(),
        decision.gate(),
        relayed.size());
  }

  @Override
  public void pause(BatchControl control) {
    pausedBy = control == null || control.by() == null ? "unknown" : control.by();
    pauseReason = control == null ? null : control.reason();
    digests.changed();
  }

  @Override
  public void resume(BatchControl control) {
    pausedBy = null;
    pauseReason = null;
    digests.changed();
  }

  @Override
  public BatchProgress progress() {
    List<WaveProgress> all = new ArrayList<>();
    for (int wave = 1; wave <= sizes.size(); wave++) {
      WaveProgress known = waves.get(wave);
      all.add(known != null ? known : WaveProgress.notArrived(wave, sizes.get(wave - 1)));
    }
    Map<String, Integer> byGate = new TreeMap<>();
    all.forEach(w -> w.waitingByGate().forEach((gate, n) -> byGate.merge(gate, n, Integer::sum)));
    int total = request.total();
    int notStarted = all.stream().mapToInt(WaveProgress::notStarted).sum();
    return new BatchProgress(
        request.batchId(),
        total,
        notStarted,
        total - notStarted,
        all.stream().mapToInt(WaveProgress::working).sum(),
        all.stream().mapToInt(WaveProgress::waiting).sum(),
        all.stream().mapToInt(WaveProgress::finished).sum(),
        all.stream().mapToInt(WaveProgress::completed).sum(),
        all.stream().mapToInt(WaveProgress::failed).sum(),
        all.stream().mapToInt(WaveProgress::cancelled).sum(),
        request.concurrencyOrDefault(),
        byGate,
        all,
        (int) all.stream().filter(w -> !w.arrived()).count(),
        pausedBy,
        pauseReason,
        cancelling,
        run);
  }

  @Override
  public BatchReport report() {
    BatchProgress now = progress();
    List<String> ids = new ArrayList<>();
    for (int wave = 1; wave <= sizes.size(); wave++) {
      ids.add(MigrationNames.batchWaveId(request.batchId(), wave));
    }
    return new BatchReport(
        request.batchId(),
        request.requestedBy(),
        now.total(),
        now.completed(),
        now.failed(),
        now.cancelled(),
        ids);
  }
}
