package org.neonmigrate.workflows.batch;

import java.util.List;

/**
 * Result of {@code BatchMigration} and of its {@code report} query: one row per org of the batch,
 * in the order they were given.
 *
 * @param completed finished without an error
 * @param failed finished with an error (including runs that closed without reporting)
 */
public record BatchReport(
    String batchId,
    String requestedBy,
    int total,
    int completed,
    int failed,
    int cancelled,
    List<OrgOutcome> orgs) {}
