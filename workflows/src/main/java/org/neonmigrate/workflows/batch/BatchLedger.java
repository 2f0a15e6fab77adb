package org.neonmigrate.workflows.batch;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.Step;

/**
 * Everything a batch knows about its orgs: the migrations not started yet and one row per started
 * org. Plain Java (no Temporal calls), so the batch's bookkeeping is tested on its own.
 */
final class BatchLedger {
  private final String batchId;
  private final String requestedBy;
  private final int concurrency;
  private final int total;
  private final int run;
  private final Deque<MigrationRequest> notStarted;
  private final Map<String, OrgOutcome> rows = new LinkedHashMap<>();
  private final Map<String, Long> lastContactMillis = new HashMap<>();
  private String pausedBy;
  private String pauseReason;
  private boolean cancelling;

  BatchLedger(BatchRequest request, long nowMillis) {
    BatchState state = request.state();
    List<MigrationRequest> migrations =
        request.migrations() == null ? List.of() : request.migrations();
    this.batchId = request.batchId();
    this.requestedBy = request.requestedBy();
    this.concurrency = request.concurrencyOrDefault();
    this.notStarted = new ArrayDeque<>(migrations);
    this.total = state == null ? migrations.size() : state.total();
    this.run = state == null ? 1 : state.runs() + 1;
    if (state != null) {
      state.orgs().forEach(row -> rows.put(row.sourceOrgId(), row));
      pausedBy = state.pausedBy();
      pauseReason = state.pauseReason();
    }
    // Silence is measured from the start of each run: a run does not know when the last one heard.
    rows.keySet().forEach(id -> lastContactMillis.put(id, nowMillis));
  }

  boolean mayStartAnother() {
    return pausedBy == null && !cancelling && !notStarted.isEmpty() && slotsInUse() < concurrency;
  }

  MigrationRequest startNext(long nowMillis) {
    MigrationRequest next = notStarted.removeFirst();
    rows.put(next.sourceOrgId(), OrgOutcome.starting(next.sourceOrgId()));
    lastContactMillis.put(next.sourceOrgId(), nowMillis);
    return next;
  }

  boolean everyOrgFinished() {
    return notStarted.isEmpty() && rows.values().stream().allMatch(OrgOutcome::finished);
  }

  int slotsInUse() {
    return (int) rows.values().stream().filter(OrgOutcome::holdsSlot).count();
  }

  /** Applies a child's report; a finished row stays as it is, later reports cannot reopen it. */
  boolean record(ChildProgress progress, long nowMillis) {
    OrgOutcome row = rows.get(progress.sourceOrgId());
    if (row == null || row.finished()) {
      return false;
    }
    rows.put(progress.sourceOrgId(), row.withProgress(progress, iso(nowMillis)));
    lastContactMillis.put(progress.sourceOrgId(), nowMillis);
    return true;
  }

  /** The run closed (seen by its child promise or a failed probe); no-op once the row is final. */
  void closed(String sourceOrgId, Step finalStep, String why) {
    OrgOutcome row = rows.get(sourceOrgId);
    if (row != null && !row.finished()) {
      rows.put(sourceOrgId, row.closed(finalStep == null ? row.step() : finalStep, why));
    }
  }

  /** A probe could not be delivered: the run is closed and never sent its final report. */
  void closedSilently(String sourceOrgId) {
    OrgOutcome row = rows.get(sourceOrgId);
    if (row != null && !row.finished()) {
      closed(
          sourceOrgId,
          null,
          (row.adoptedRun() ? "existed before this batch and " : "")
              + "closed without reporting its outcome to the batch; see its report query");
    }
  }

  void adopt(String sourceOrgId) {
    OrgOutcome row = rows.get(sourceOrgId);
    if (row != null && !row.finished()) {
      rows.put(sourceOrgId, row.asAdopted());
    }
  }

  /** The run took a decision at its gate and works again, so it holds a slot until it reports. */
  void decisionDelivered(String sourceOrgId, String gate) {
    OrgOutcome row = rows.get(sourceOrgId);
    if (row != null && row.waitingForHuman() && gate.equals(row.awaitingGate())) {
      rows.put(sourceOrgId, row.leftGate());
    }
  }

  void contacted(String sourceOrgId, long nowMillis) {
    lastContactMillis.put(sourceOrgId, nowMillis);
  }

  void noteCancelRequested(String sourceOrgId) {
    OrgOutcome row = rows.get(sourceOrgId);
    if (row != null && !row.finished()) {
      rows.put(sourceOrgId, row.withError("cancellation requested when the batch was cancelled"));
    }
  }

  /** Started, unfinished runs silent since {@code silentSinceMillis}, longest silent first. */
  List<String> silentSince(long silentSinceMillis, int max) {
    return rows.values().stream()
        .filter(row -> row.started() && !row.finished())
        .map(OrgOutcome::sourceOrgId)
        .filter(id -> lastContactMillis.getOrDefault(id, 0L) <= silentSinceMillis)
        .sorted((a, b) -> Long.compare(lastContactMillis.get(a), lastContactMillis.get(b)))
        .limit(max)
        .toList();
  }

  boolean anyStartedUnfinished() {
    return rows.values().stream().anyMatch(row -> row.started() && !row.finished());
  }

  List<String> waitingAt(String gate) {
    return rows.values().stream()
        .filter(row -> row.waitingForHuman() && gate.equals(row.awaitingGate()))
        .map(OrgOutcome::sourceOrgId)
        .toList();
  }

  /** Runs this batch started that may still be cancelled: not yet deleting the Azure resource. */
  List<String> cancellable() {
    return rows.values().stream()
        .filter(row -> row.started() && !row.finished() && !row.adoptedRun())
        .filter(row -> row.step() == null || row.step().compareTo(Step.DELETE_AZURE) < 0)
        .map(OrgOutcome::sourceOrgId)
        .toList();
  }

  void pause(BatchControl control) {
    pausedBy = control == null || control.by() == null ? "unknown" : control.by();
    pauseReason = control == null ? null : control.reason();
  }

  void resume() {
    pausedBy = null;
    pauseReason = null;
  }

  boolean paused() {
    return pausedBy != null;
  }

  void startCancelling() {
    cancelling = true;
  }

  String batchId() {
    return batchId;
  }

  String requestedBy() {
    return requestedBy;
  }

  int concurrency() {
    return concurrency;
  }

  int total() {
    return total;
  }

  int run() {
    return run;
  }

  String pausedBy() {
    return pausedBy;
  }

  String pauseReason() {
    return pauseReason;
  }

  boolean cancelling() {
    return cancelling;
  }

  int notStartedCount() {
    return notStarted.size();
  }

  List<OrgOutcome> rows() {
    return List.copyOf(rows.values());
  }

  List<OrgOutcome> rowsIncludingNotStarted() {
    List<OrgOutcome> all = new ArrayList<>(rows.values());
    notStarted.forEach(m -> all.add(OrgOutcome.notStarted(m.sourceOrgId())));
    return all;
  }

  BatchRequest nextRun(BatchRequest current) {
    BatchState state = new BatchState(rows(), pausedBy, pauseReason, run, total);
    // The batch sets batchId and requestedBy on every child, so they need not travel.
    List<MigrationRequest> carried =
        notStarted.stream()
            .map(
                m ->
                    new MigrationRequest(
                        m.sourceOrgId(),
                        m.destinationOrgId(),
                        m.azure(),
                        m.dryRun(),
                        null,
                        m.replaceOrgApiKeys(),
                        m.reminderIntervalMinutes(),
                        null))
            .toList();
    return current.nextRun(carried, state);
  }

  static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
