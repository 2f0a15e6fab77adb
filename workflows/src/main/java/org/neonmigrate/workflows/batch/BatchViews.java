package org.neonmigrate.workflows.batch;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neonmigrate.workflows.migration.Step;

/** The {@code progress} and {@code report} answers, computed from the ledger on demand. */
final class BatchViews {
  static final String NOT_STARTED = "NOT_STARTED";
  static final String STARTING = "STARTING";

  private BatchViews() {}

  static BatchProgress progress(BatchLedger ledger) {
    List<OrgOutcome> rows = ledger.rows();
    Map<String, Integer> byStep = new TreeMap<>();
    if (ledger.notStartedCount() > 0) {
      byStep.put(NOT_STARTED, ledger.notStartedCount());
    }
    rows.forEach(
        row -> byStep.merge(row.step() == null ? STARTING : row.step().name(), 1, Integer::sum));
    List<OrgOutcome> waiting = rows.stream().filter(OrgOutcome::waitingForHuman).toList();
    List<AwaitingHuman> listed =
        waiting.stream()
            .sorted(
                Comparator.comparing(
                    OrgOutcome::awaitingSince, Comparator.nullsLast(String::compareTo)))
            .limit(BatchProgress.MAX_LISTED)
            .map(
                row ->
                    new AwaitingHuman(row.sourceOrgId(), row.awaitingGate(), row.awaitingSince()))
            .toList();
    int finished = (int) rows.stream().filter(OrgOutcome::finished).count();
    return new BatchProgress(
        ledger.batchId(),
        ledger.total(),
        ledger.notStartedCount(),
        rows.size(),
        (int) rows.stream().filter(OrgOutcome::holdsSlot).count(),
        waiting.size(),
        finished,
        (int) rows.stream().filter(OrgOutcome::succeeded).count(),
        (int) rows.stream().filter(BatchViews::failed).count(),
        (int) rows.stream().filter(BatchViews::cancelled).count(),
        ledger.concurrency(),
        byStep,
        listed,
        ledger.pausedBy(),
        ledger.pauseReason(),
        ledger.cancelling(),
        ledger.run(),
        Math.max(0, ledger.total() - ledger.received()));
  }

  static BatchReport report(BatchLedger ledger) {
    List<OrgOutcome> rows = ledger.rowsIncludingNotStarted();
    return new BatchReport(
        ledger.batchId(),
        ledger.requestedBy(),
        ledger.total(),
        (int) rows.stream().filter(OrgOutcome::succeeded).count(),
        (int) rows.stream().filter(BatchViews::failed).count(),
        (int) rows.stream().filter(BatchViews::cancelled).count(),
        OrgOutcome.fitting(rows));
  }

  private static boolean cancelled(OrgOutcome row) {
    return row.finished() && row.step() == Step.CANCELLED;
  }

  private static boolean failed(OrgOutcome row) {
    return row.finished() && !row.succeeded() && row.step() != Step.CANCELLED;
  }
}
