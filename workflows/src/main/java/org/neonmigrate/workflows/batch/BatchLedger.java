package org.neonmigrate.workflows.batch;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.neonmigrate.workflows.migration.MigrationRequest;
import org.neonmigrate.workflows.migration.Step;

/**
 * Everything a batch knows about its orgs: the pages received, the migrations not started yet and
 * one row per started org. Plain Java (no Temporal calls), so the batch's bookkeeping is tested on
 * its own.
 */
final class BatchLedger {
  private final String batchId;
  private final String requestedBy;
  private final int concurrency;
  private final int total;
  private final int run;
  private final Deque<MigrationRequest> notStarted;
  private final Map<Integer, Integer> pages = new TreeMap<>();
  private final Set<String> known = new HashSet<>();
  private final Map<String, OrgOutcome> rows = new LinkedHashMap<>();
  private final Map<String, Long> lastContactMillis = new HashMap<>();
  private String pausedBy;
  private String pauseReason;
  private boolean cancelling;

  BatchLedger(BatchRequest request, long nowMillis) {
    BatchState state = request.state();
    this.batchId = request.batchId();
    this.requestedBy = request.requestedBy();
    this.concurrency = request.concurrencyOrDefault();
    this.notStarted = new ArrayDeque<>();
    if (state == null) {
      List<MigrationRequest> firstPage =
          request.migrations() == null ? List.of() : request.migrations();
      this.total = request.expectedTotalOrDefault();
      this.run = 1;
      notStarted.addAll(firstPage);
      pages.put(1, firstPage.size());
    } else {
      this.total = state.total();
      this.run = state.runs() + 1;
      state.orgs().forEach(row -> rows.put(row.sourceOrgId(), row));
      if (state.pending() != null) {
        state.pending().forEach(p -> notStarted.add(p.toRequest()));
      }
      if (state.pages() != null) {
        pages.putAll(state.pages());
      }
      pausedBy = state.pausedBy();
      pauseReason = state.pauseReason();
    }
    rows.keySet().forEach(known::add);
    notStarted.forEach(m -> known.add(m.sourceOrgId()));
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

  /** Every expected migration has arrived, started and finished. */
  boolean everyOrgFinished() {
    return received() >= total
        && notStarted.isEmpty()
        && rows.values().stream().allMatch(OrgOutcome::finished);
  }

  /** Migrations received over all pages. */
  int received() {
    return rows.size() + notStarted.size();
  }

  boolean hasPage(int pageNumber) {
    return pages.containsKey(pageNumber);
  }

  int pageSize(int pageNumber) {
    return pages.getOrDefault(pageNumber, 0);
  }

  boolean knows(String sourceOrgId) {
    return known.contains(sourceOrgId);
  }

  /** Adds a validated page; a page received before changes nothing. */
  BatchPageAck addPage(BatchPage page) {
    if (hasPage(page.pageNumber())) {
      return new BatchPageAck(
          page.pageNumber(), pageSize(page.pageNumber()), received(), total, true);
    }
    for (MigrationRequest m : page.migrations()) {
      notStarted.addLast(m);
      known.add(m.sourceOrgId());
    }
    pages.put(page.pageNumber(), page.migrations().size());
    return new BatchPageAck(page.pageNumber(), page.migrations().size(), received(), total, false);
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

  boolean anyWaitingForHuman() {
    return rows.values().stream().anyMatch(OrgOutcome::waitingForHuman);
  }

  /** Runs waiting for a human, per gate. */
  Map<String, Integer> waitingByGate() {
    Map<String, Integer> byGate = new TreeMap<>();
    rows.values().stream()
        .filter(OrgOutcome::waitingForHuman)
        .forEach(row -> byGate.merge(String.valueOf(row.awaitingGate()), 1, Integer::sum));
    return byGate;
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
    List<PendingMigration> pending = notStarted.stream().map(PendingMigration::of).toList();
    BatchState state =
        new BatchState(
            OrgOutcome.fitting(rows()),
            pending,
            new TreeMap<>(pages),
            pausedBy,
            pauseReason,
            run,
            total);
    return current.nextRun(state);
  }

  static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
