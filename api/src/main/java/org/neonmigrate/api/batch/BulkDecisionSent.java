package org.neonmigrate.api.batch;

/**
 * The answer to a bulk decision: the batch was told, and relays it through its waves to its runs
 * waiting at {@code gate} when they handle it; progress shows the outcome.
 *
 * @param waiting how many runs waited at that gate according to the batch's progress as of {@code
 *     waitingAsOf}
 * @param waitingAsOf when the batch was asked for that progress (ISO-8601 UTC)
 * @param waitingStale that progress is the batch's last answer, not a new one: it did not answer in
 *     time (see {@code GET /batches/{id}})
 */
public record BulkDecisionSent(
    String gate, boolean approve, int waiting, String waitingAsOf, boolean waitingStale) {}
