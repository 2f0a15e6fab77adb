package org.neonmigrate.workflows.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.neonmigrate.workflows.migration.Gate;
import org.neonmigrate.workflows.migration.MigrationRequest;

/** Checks a batch's input before anything starts, and a bulk decision before it is applied. */
final class BatchRequestValidation {
  private static final int MIN_EVENTS_PER_RUN = 100;
  private static final int MAX_EVENTS_PER_RUN = 40_000;

  private BatchRequestValidation() {}

  /** Throws {@code InvalidBatchRequest} naming every problem found, so one fix round is enough. */
  static void check(BatchRequest request) {
    List<String> problems = new ArrayList<>();
    if (blank(request.batchId())) {
      problems.add("batchId is required");
    }
    if (blank(request.requestedBy())) {
      problems.add("requestedBy is required");
    }
    int concurrency = request.concurrencyOrDefault();
    if (concurrency < 1 || concurrency > BatchRequest.MAX_CONCURRENCY) {
      problems.add(
          "concurrency must be 1.." + BatchRequest.MAX_CONCURRENCY + ", was " + concurrency);
    }
    int events = request.continueAsNewAfterEventsOrDefault();
    if (events < MIN_EVENTS_PER_RUN || events > MAX_EVENTS_PER_RUN) {
      problems.add(
          "continueAsNewAfterEvents must be "
              + MIN_EVENTS_PER_RUN
              + ".."
              + MAX_EVENTS_PER_RUN
              + ", was "
              + events);
    }
    if (request.probeIntervalMinutesOrDefault() < 1) {
      problems.add("probeIntervalMinutes must be at least 1");
    }
    problems.addAll(migrationProblems(request.migrations()));
    if (!problems.isEmpty()) {
      throw BatchFailure.InvalidBatchRequest.failure(
          "invalid batch request: " + String.join("; ", problems));
    }
  }

  private static List<String> migrationProblems(List<MigrationRequest> migrations) {
    if (migrations == null || migrations.isEmpty()) {
      return List.of("migrations must not be empty");
    }
    if (migrations.size() > BatchRequest.MAX_MIGRATIONS) {
      return List.of(
          "at most "
              + BatchRequest.MAX_MIGRATIONS
              + " migrations per batch, was "
              + migrations.size()
              + ": split it into several batches");
    }
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> duplicates = new TreeSet<>();
    int incomplete = 0;
    for (MigrationRequest m : migrations) {
      if (m == null || blank(m.sourceOrgId()) || blank(m.destinationOrgId())) {
        incomplete++;
      } else if (!seen.add(m.sourceOrgId())) {
        duplicates.add(m.sourceOrgId());
      }
    }
    if (incomplete > 0) {
      problems.add(incomplete + " migration(s) without sourceOrgId or destinationOrgId");
    }
    if (!duplicates.isEmpty()) {
      problems.add(
          "each source org may appear once; duplicated: "
              + OrgOutcome.cut(String.join(", ", duplicates)));
    }
    return problems;
  }

  /** Rejects a bulk decision naming no known gate or no approver; the batch stays unchanged. */
  static void checkDecision(BulkDecision decision) {
    if (decision == null || Gate.fromWireName(decision.gate()).isEmpty()) {
      throw BatchFailure.InvalidBulkDecision.failure(
          "unknown gate: " + (decision == null ? null : decision.gate()));
    }
    if (blank(decision.approver())) {
      throw BatchFailure.InvalidBulkDecision.failure("approver is required");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
