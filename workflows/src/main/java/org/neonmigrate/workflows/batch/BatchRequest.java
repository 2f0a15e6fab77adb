package org.neonmigrate.workflows.batch;

import java.util.List;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * The input of {@code BatchMigration}. Only {@code batchId}, {@code migrations} and {@code
 * requestedBy} are required; a CLI start can leave the rest out.
 *
 * @param batchId the business key; the workflow id is {@code batch-<batchId>}
 * @param migrations the migrations not started yet (on the first run: all of them, at most {@link
 *     #MAX_MIGRATIONS}); their {@code batchId} and {@code requestedBy} are set by the batch
 * @param concurrency how many children may work at once (1..200); null means {@link
 *     #DEFAULT_CONCURRENCY}. A child waiting for a human does not count.
 * @param requestedBy who asked for the batch; every child is started on their behalf
 * @param continueAsNewAfterEvents history length after which a run continues as new; null means
 *     {@link #DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS}
 * @param probeIntervalMinutes how long a child may stay silent before the batch checks it is still
 *     open; null means {@link #DEFAULT_PROBE_INTERVAL_MINUTES}
 * @param state null on the first run; what the previous run knew
 */
public record BatchRequest(
    String batchId,
    List<MigrationRequest> migrations,
    Integer concurrency,
    String requestedBy,
    Integer continueAsNewAfterEvents,
    Integer probeIntervalMinutes,
    BatchState state) {

  public static final int DEFAULT_CONCURRENCY = 20;
  public static final int MAX_CONCURRENCY = 200;

  /**
   * The request is one payload (2 MB limit) and a realistic migration is ~370 bytes of JSON, so
   * 5,000 would be ~1.8 MB: too close. 2,500 is ~0.9 MB; split larger fleets into several batches.
   */
  public static final int MAX_MIGRATIONS = 2_500;

  /** Far below the 51,200-event limit, and a run stays quick to replay. */
  public static final int DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

  public static final int DEFAULT_PROBE_INTERVAL_MINUTES = 60;

  public BatchRequest(String batchId, List<MigrationRequest> migrations, String requestedBy) {
    this(batchId, migrations, null, requestedBy, null, null, null);
  }

  public int concurrencyOrDefault() {
    return concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
  }

  public int continueAsNewAfterEventsOrDefault() {
    return continueAsNewAfterEvents == null
        ? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS
        : continueAsNewAfterEvents;
  }

  public int probeIntervalMinutesOrDefault() {
    return probeIntervalMinutes == null ? DEFAULT_PROBE_INTERVAL_MINUTES : probeIntervalMinutes;
  }

  BatchRequest nextRun(List<MigrationRequest> notStarted, BatchState nextState) {
    return new BatchRequest(
        batchId,
        notStarted,
        concurrency,
        requestedBy,
        continueAsNewAfterEvents,
        probeIntervalMinutes,
        nextState);
  }
}
