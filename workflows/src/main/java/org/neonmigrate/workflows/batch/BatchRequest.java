package org.neonmigrate.workflows.batch;

import java.util.List;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * The input of {@code BatchMigration}. Only {@code batchId}, {@code migrations} and {@code
 * requestedBy} are required; a CLI start can leave the rest out.
 *
 * <p>A batch larger than one page starts with its first page and {@code expectedTotal}; the other
 * pages follow by the {@code addMigrations} update, and the batch does not finish before it has all
 * {@code expectedTotal} migrations.
 *
 * @param batchId the business key; the workflow id is {@code batch-<batchId>}
 * @param migrations page 1 (at most {@link #MAX_PAGE_SIZE}); null on continued runs. Their {@code
 *     batchId} and {@code requestedBy} are set by the batch
 * @param expectedTotal how many migrations the batch will have over all pages (at most {@link
 *     #MAX_TOTAL}); null means just {@code migrations}
 * @param concurrency how many children may work at once (1..200); null means {@link
 *     #DEFAULT_CONCURRENCY}. A child waiting for a human does not count.
 * @param requestedBy who asked for the batch; every child is started on their behalf
 * @param continueAsNewAfterEvents history length after which a run continues as new; null means
 *     {@link #DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS}
 * @param probeIntervalMinutes how long a child may stay silent before the batch checks it is still
 *     open; null means {@link #DEFAULT_PROBE_INTERVAL_MINUTES}
 * @param inputDigest optional fingerprint of the whole input set by the caller (the REST API uses
 *     it to tell a repeated start from a different one); carried unchanged
 * @param state null on the first run; what the previous run knew
 * @param digestMinutes how often at most the batch sends operators a {@code batch-digest} (its runs
 *     send no notifications of their own); null means {@link #DEFAULT_DIGEST_MINUTES}, 0 switches
 *     digests off
 */
public record BatchRequest(
    String batchId,
    List<MigrationRequest> migrations,
    Integer expectedTotal,
    Integer concurrency,
    String requestedBy,
    Integer continueAsNewAfterEvents,
    Integer probeIntervalMinutes,
    String inputDigest,
    BatchState state,
    Integer digestMinutes) {

  public static final int DEFAULT_CONCURRENCY = 20;
  public static final int MAX_CONCURRENCY = 200;

  /** A realistic migration is ~370 bytes of JSON: a page of 1,000 is ~0.37 MB of a 2 MB payload. */
  public static final int MAX_PAGE_SIZE = 1_000;

  /**
   * The result holds one row per org (~215 bytes realistic, at most ~300 after {@link
   * OrgOutcome#fitting}): 5,000 rows stay below 1.5 MB of the 2 MB payload limit, 10,000 would not
   * fit (see {@code BatchPayloadSizeTest}). Split larger fleets into several batches.
   */
  public static final int MAX_TOTAL = 5_000;

  /** Far below the 51,200-event limit, and a run stays quick to replay. */
  public static final int DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

  public static final int DEFAULT_PROBE_INTERVAL_MINUTES = 60;

  public static final int DEFAULT_DIGEST_MINUTES = 5;
  public static final int MAX_DIGEST_MINUTES = 24 * 60;

  public BatchRequest(
      String batchId,
      List<MigrationRequest> migrations,
      Integer expectedTotal,
      Integer concurrency,
      String requestedBy,
      Integer continueAsNewAfterEvents,
      Integer probeIntervalMinutes,
      String inputDigest,
      BatchState state) {
    this(
        batchId,
        migrations,
        expectedTotal,
        concurrency,
        requestedBy,
        continueAsNewAfterEvents,
        probeIntervalMinutes,
        inputDigest,
        state,
        null);
  }

  public BatchRequest(String batchId, List<MigrationRequest> migrations, String requestedBy) {
    this(batchId, migrations, null, null, requestedBy, null, null, null, null);
  }

  public BatchRequest(
      String batchId,
      List<MigrationRequest> migrations,
      Integer concurrency,
      String requestedBy,
      Integer continueAsNewAfterEvents,
      Integer probeIntervalMinutes,
      BatchState state) {
    this(
        batchId,
        migrations,
        null,
        concurrency,
        requestedBy,
        continueAsNewAfterEvents,
        probeIntervalMinutes,
        null,
        state);
  }

  public int concurrencyOrDefault() {
    return concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
  }

  /** On the first run: {@code expectedTotal}, or the size of page 1 when it is not set. */
  public int expectedTotalOrDefault() {
    if (expectedTotal != null) {
      return expectedTotal;
    }
    return migrations == null ? 0 : migrations.size();
  }

  public int continueAsNewAfterEventsOrDefault() {
    return continueAsNewAfterEvents == null
        ? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS
        : continueAsNewAfterEvents;
  }

  public int probeIntervalMinutesOrDefault() {
    return probeIntervalMinutes == null ? DEFAULT_PROBE_INTERVAL_MINUTES : probeIntervalMinutes;
  }

  /** The digest interval; empty when digests are switched off. */
  public java.util.Optional<java.time.Duration> digestInterval() {
    int minutes = digestMinutes == null ? DEFAULT_DIGEST_MINUTES : digestMinutes;
    return minutes <= 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(java.time.Duration.ofMinutes(minutes));
  }

  /** The next run's input: everything the batch knows travels in {@code nextState}. */
  BatchRequest nextRun(BatchState nextState) {
    return new BatchRequest(
        batchId,
        null,
        nextState.total(),
        concurrency,
        requestedBy,
        continueAsNewAfterEvents,
        probeIntervalMinutes,
        inputDigest,
        nextState,
        digestMinutes);
  }
}
