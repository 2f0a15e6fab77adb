package org.neonmigrate.workflows.batch;

import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Result of the {@code progress} query.
 *
 * @param notStarted migrations received that the batch has not started yet
 * @param working started, not finished, not waiting for a human (these hold the window's slots)
 * @param awaitingHumanCount how many children wait at a gate; {@code awaitingHuman} lists at most
 *     {@link #MAX_LISTED} of them, longest waiting first
 * @param failed finished with an error (including runs that closed without reporting)
 * @param byStep how many orgs are at each step; {@code NOT_STARTED} and {@code STARTING} (started,
 *     no report yet) included
 * @param pausedBy null, or who paused new starts
 * @param cancelling the batch was cancelled and is cancelling its children
 * @param run 1 for the first run, +1 on every continue-as-new
 * @param notReceived migrations of {@code total} whose page has not arrived yet (see {@link
 *     BatchPage}); the batch cannot finish before they have
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
    Map<String, Integer> byStep,
    List<AwaitingHuman> awaitingHuman,
    @Nullable String pausedBy,
    @Nullable String pauseReason,
    boolean cancelling,
    int run,
    int notReceived) {

  public static final int MAX_LISTED = 500;
}
