package org.neonmigrate.workflows.batch;

import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Result of the batch's {@code progress} query: counts over all waves, and each wave's own.
 *
 * @param notStarted migrations not started yet, including those of waves not arrived
 * @param working started, not finished, not waiting for a human (these hold the window's slots)
 * @param awaitingHumanCount how many runs wait at a gate, per gate in {@code awaitingByGate}; the
 *     runs themselves are listed by the search attributes ({@code BatchId}, {@code MigrationStep})
 *     and in each wave's report
 * @param failed finished with an error (including runs that could not be started)
 * @param wavesNotArrived waves whose workflow has not reported yet (not started, or just started);
 *     the batch cannot finish before they have
 * @param pausedBy null, or who paused new starts
 * @param cancelling the batch was cancelled and is cancelling its waves
 * @param run 1 for the first run, +1 on every continue-as-new
 */
public record BatchProgress(
    String batchId,
    int total,
    int notStarted,
    int started,
    int working,
    int awaitingHumanCount,
    int finished,
    int completed,
    int failed,
    int cancelled,
    int concurrency,
    Map<String, Integer> awaitingByGate,
    List<WaveProgress> waves,
    int wavesNotArrived,
    @Nullable String pausedBy,
    @Nullable String pauseReason,
    boolean cancelling,
    int run) {}
