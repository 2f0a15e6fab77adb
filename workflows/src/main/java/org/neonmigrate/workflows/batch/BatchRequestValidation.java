package org.neonmigrate.workflows.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.neonmigrate.workflows.migration.Gate;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * Checks a batch's input before anything starts, each added page, and a bulk decision before it is
 * applied.
 */
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
    if (request.digestMinutes() != null
        && (request.digestMinutes() < 0
            || request.digestMinutes() > BatchRequest.MAX_DIGEST_MINUTES)) {
      problems.add("digestMinutes must be 0 (no digests) to " + BatchRequest.MAX_DIGEST_MINUTES);
    }
    problems.addAll(firstPageProblems(request));
    if (!problems.isEmpty()) {
      throw BatchFailure.InvalidBatchRequest.failure(
          "invalid batch request: " + String.join("; ", problems));
    }
  }

  private static List<String> firstPageProblems(BatchRequest request) {
    List<MigrationRequest> migrations = request.migrations();
    if (migrations == null || migrations.isEmpty()) {
      return List.of("migrations must not be empty");
    }
    List<String> problems = new ArrayList<>();
    int expected = request.expectedTotalOrDefault();
    if (expected > BatchRequest.MAX_TOTAL) {
      problems.add(
          "at most "
              + BatchRequest.MAX_TOTAL
              + " migrations per batch, expectedTotal was "
              + expected
              + ": split it into several batches");
    } else if (expected < migrations.size()) {
      problems.add(
          "expectedTotal must be at least the " + migrations.size() + " migrations of page 1");
    }
    problems.addAll(pageProblems(migrations, id -> false));
    return problems;
  }

  /**
   * Rejects a page that is empty, too large, beyond {@code expectedTotal}, or names a source org
   * the batch already has; a repeat of a page received before passes (the update then changes
   * nothing) as long as it is that page again.
   */
  static void checkPage(BatchPage page, BatchLedger ledger) {
    if (page == null || page.migrations() == null || page.migrations().isEmpty()) {
      throw BatchFailure.InvalidBatchPage.failure("a page must have migrations");
    }
    if (page.pageNumber() < 2) {
      throw BatchFailure.InvalidBatchPage.failure(
          "pages added by update are numbered from 2 (page 1 is the start input), was "
              + page.pageNumber());
    }
    if (ledger.cancelling()) {
      throw BatchFailure.InvalidBatchPage.failure("the batch is being cancelled");
    }
    List<MigrationRequest> migrations = page.migrations();
    if (ledger.hasPage(page.pageNumber())) {
      boolean samePage =
          migrations.size() == ledger.pageSize(page.pageNumber())
              && migrations.stream().allMatch(m -> m != null && ledger.knows(m.sourceOrgId()));
      if (!samePage) {
        throw BatchFailure.InvalidBatchPage.failure(
            "page " + page.pageNumber() + " was received before with other migrations");
      }
      return;
    }
    List<String> problems = new ArrayList<>();
    if (ledger.received() + migrations.size() > ledger.total()) {
      problems.add(
          "page "
              + page.pageNumber()
              + " would bring the batch to "
              + (ledger.received() + migrations.size())
              + " migrations, beyond its expectedTotal of "
              + ledger.total());
    }
    problems.addAll(pageProblems(migrations, ledger::knows));
    if (!problems.isEmpty()) {
      throw BatchFailure.InvalidBatchPage.failure(
          "invalid page " + page.pageNumber() + ": " + String.join("; ", problems));
    }
  }

  private static List<String> pageProblems(
      List<MigrationRequest> migrations, Predicate<String> alreadyInBatch) {
    if (migrations.size() > BatchRequest.MAX_PAGE_SIZE) {
      return List.of(
          "at most "
              + BatchRequest.MAX_PAGE_SIZE
              + " migrations per page, was "
              + migrations.size()
              + ": send the rest by the addMigrations update");
    }
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> duplicates = new TreeSet<>();
    int incomplete = 0;
    for (MigrationRequest m : migrations) {
      if (m == null || blank(m.sourceOrgId()) || blank(m.destinationOrgId())) {
        incomplete++;
      } else if (!seen.add(m.sourceOrgId()) || alreadyInBatch.test(m.sourceOrgId())) {
        duplicates.add(m.sourceOrgId());
      }
    }
    if (incomplete > 0) {
      problems.add(incomplete + " migration(s) without sourceOrgId or destinationOrgId");
    }
    if (!duplicates.isEmpty()) {
      problems.add(
          "each source org may appear once in a batch; duplicated: "
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
