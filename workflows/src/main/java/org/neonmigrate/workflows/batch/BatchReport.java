package org.neonmigrate.workflows.batch;

import java.util.List;

/**
 * Result of {@code BatchMigration} and of its {@code report} query: the counts, and per wave where
 * to read its rows (the {@code report} query or result of workflow {@code workflowIds[i]}).
 *
 * @param completed finished without an error
 * @param failed finished with an error (including runs that could not be started)
 */
public record BatchReport(
    String batchId,
    String requestedBy,
    int total,
    int completed,
    int failed,
    int cancelled,
    List<String> waveWorkflowIds) {}
