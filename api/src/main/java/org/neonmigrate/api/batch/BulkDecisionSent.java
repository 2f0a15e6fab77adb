package org.neonmigrate.api.batch;

import java.util.List;

/**
 * The answer to a bulk decision: the batch was told, and relays it to its children waiting at
 * {@code gate}.
 *
 * @param waiting the children that waited at that gate when the decision was sent (the batch
 *     reaches those still waiting when it handles it; progress shows the outcome)
 */
public record BulkDecisionSent(String gate, boolean approve, List<String> waiting) {}
