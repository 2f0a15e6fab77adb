package org.neonmigrate.workflows.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.neonmigrate.workflows.migration.Gate;
import org.neonmigrate.workflows.migration.MigrationRequest;

/** Checks a batch's input and each wave's before anything starts, and a bulk decision. */
final class BatchRequestValidation {

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
    List<Integer> sizes = request.waveSizes();
    if (sizes == null || sizes.isEmpty()) {
      problems.add("waveSizes must not be empty");
    } else if (sizes.size() > BatchRequest.MAX_WAVES) {
      problems.add("at most " + BatchRequest.MAX_WAVES + " waves, was " + sizes.size());
    } else if (sizes.stream().anyMatch(n -> n == null || n < 1 || n > BatchRequest.MAX_WAVE_SIZE)) {
      problems.add("every wave size must be 1.." + BatchRequest.MAX_WAVE_SIZE);
    }
    if (request.digestMinutes() != null
        && (request.digestMinutes() < 0
            || request.digestMinutes() > BatchRequest.MAX_DIGEST_MINUTES)) {
      problems.add("digestMinutes must be 0 (no digests) to " + BatchRequest.MAX_DIGEST_MINUTES);
    }
    if (!problems.isEmpty()) {
      throw BatchFailure.InvalidBatchRequest.failure(
          "invalid batch request: " + String.join("; ", problems));
    }
  }

  /**
   * Throws {@code InvalidBatchRequest} for a wave that is empty, too large or names an org twice.
   */
  static void checkWave(WaveRequest request) {
    List<String> problems = new ArrayList<>();
    if (blank(request.batchId())) {
      problems.add("batchId is required");
    }
    if (blank(request.requestedBy())) {
      problems.add("requestedBy is required");
    }
    List<MigrationRequest> migrations = request.migrations();
    if (migrations == null || migrations.isEmpty()) {
      problems.add("migrations must not be empty");
    } else if (migrations.size() > BatchRequest.MAX_WAVE_SIZE) {
      problems.add(
          "at most "
              + BatchRequest.MAX_WAVE_SIZE
              + " migrations per wave, was "
              + migrations.size());
    } else {
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
            "each source org may appear once in a batch; duplicated: "
                + OrgOutcome.cut(String.join(", ", duplicates)));
      }
    }
    if (!problems.isEmpty()) {
      throw BatchFailure.InvalidBatchRequest.failure(
          "invalid wave " + request.wave() + ": " + String.join("; ", problems));
    }
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
