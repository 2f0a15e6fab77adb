package org.neonmigrate.workflows.batch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The input of {@code BatchMigration}: how many orgs arrive in which waves, not the orgs
 * themselves. Each wave is its own {@code BatchWave} workflow, started by whoever starts the batch
 * ({@link BatchLaunch} does both), with its rows as input. So no run of the batch holds a row, and
 * the batch's size is bounded by nothing but {@link #MAX_WAVES}.
 *
 * @param batchId the business key; the workflow id is {@code batch-<batchId>}
 * @param requestedBy who asked for the batch; every run is started on their behalf
 * @param concurrency how many runs of the whole batch may work at once (1..{@value
 *     #MAX_CONCURRENCY}); null means {@value #DEFAULT_CONCURRENCY}. A run waiting for a human does
 *     not count
 * @param waveSizes the number of migrations of wave 1, 2, …; waves run in this order
 * @param inputDigest optional fingerprint of the whole input set by the caller (the REST API uses
 *     it to tell a repeated start from a different one); carried unchanged
 * @param digestMinutes how often at most the batch sends operators a {@code batch-digest} (its runs
 *     send no notifications of their own); null means {@value #DEFAULT_DIGEST_MINUTES}, 0 switches
 *     digests off
 * @param state null on the first run; what the previous run knew
 */
public record BatchRequest(
    String batchId,
    String requestedBy,
    Integer concurrency,
    List<Integer> waveSizes,
    String inputDigest,
    Integer digestMinutes,
    BatchState state) {

  public static final int DEFAULT_CONCURRENCY = 20;
  public static final int MAX_CONCURRENCY = 200;

  /**
   * A wave's history holds about ten events per org and its input ~370 bytes per org, and it may
   * have at most 2,000 open children: 1,000 keeps all three far from Temporal's limits.
   */
  public static final int MAX_WAVE_SIZE = 1_000;

  /** Small enough that a wave's rows and report stay quick to read; see {@link BatchLaunch}. */
  public static final int DEFAULT_WAVE_SIZE = 250;

  /**
   * The REST API takes a batch in one request of at most 16 MB: 50,000 realistic rows of JSON (~300
   * bytes each) fit. The workflows themselves are bounded only by {@link #MAX_WAVES}.
   */
  public static final int MAX_TOTAL = 50_000;

  /** The batch carries one small line per wave across continue-as-new. */
  public static final int MAX_WAVES = 1_000;

  /**
   * The batch's own history grows by a few events per report of a wave; it continues as new past
   * this, carrying only the waves' counts.
   */
  public static final int CONTINUE_AS_NEW_AFTER_EVENTS = 5_000;

  public static final int DEFAULT_DIGEST_MINUTES = 5;
  public static final int MAX_DIGEST_MINUTES = 24 * 60;

  public int concurrencyOrDefault() {
    return concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
  }

  public int total() {
    return waveSizes == null ? 0 : waveSizes.stream().mapToInt(Integer::intValue).sum();
  }

  /** The digest interval; empty when digests are switched off. */
  public Optional<Duration> digestInterval() {
    int minutes = digestMinutes == null ? DEFAULT_DIGEST_MINUTES : digestMinutes;
    return minutes <= 0 ? Optional.empty() : Optional.of(Duration.ofMinutes(minutes));
  }

  BatchRequest nextRun(BatchState nextState) {
    return new BatchRequest(
        batchId, requestedBy, concurrency, waveSizes, inputDigest, digestMinutes, nextState);
  }
}
