package org.neonmigrate.api.batch;

import java.util.List;

/**
 * The answer to a bulk decision: the batch was told, and relays it to its children waiting at
 * {@code gate}.
 *
 * @param waiting the children that waited at that gate according to the batch's progress as of
 *     {@code waitingAsOf} (the batch reaches those still waiting when it handles the decision;
 *     progress shows the outcome)
 * @param waitingAsOf when the batch was asked for that progress (ISO-8601 UTC)
 * @param waitingStale that progress is the batch's last answer, not a new one: it did not answer in
 *     time (see {@code GET /batches/{id}})
 */
public record BulkDecisionSent(
    String gate, boolean approve, List<String> waiting, String waitingAsOf, boolean waitingStale) {}
