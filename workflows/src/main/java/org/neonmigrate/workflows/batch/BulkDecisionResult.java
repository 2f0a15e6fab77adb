package org.neonmigrate.workflows.batch;

import java.util.List;

/**
 * What a bulk decision reached.
 *
 * @param delivered source orgs whose run received the approve/reject signal
 * @param undelivered source orgs whose run could not be signalled (it had closed meanwhile)
 */
public record BulkDecisionResult(
    String gate, boolean approve, List<String> delivered, List<String> undelivered) {}
